// The audit log as CSV: readable details beside the raw JSON, cells defused for spreadsheets.
import type { AuditEntryView } from "@/lib/schemas/audit";
import { auditDetailLine } from "./audit-details";
import { csvDocument } from "./csv";

const COLUMNS = ["id", "at", "actor", "actor_role", "action", "target", "outcome", "details", "detail_json"];

export function auditCsv(rows: readonly AuditEntryView[]): string {
  const lines = rows.map((e) => [e.id, e.at, e.actorEmail, e.actorRole, e.action, e.target, e.outcome, auditDetailLine(e.detail), JSON.stringify(e.detail)]);
  return `\uFEFF${csvDocument(COLUMNS, lines)}`;
}

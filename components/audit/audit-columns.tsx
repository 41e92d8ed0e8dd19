"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";

export type AuditRow = { id: number; at: string; actorEmail: string; actorRole: Role | "anonymous"; action: string; target: string; outcome: "pending" | "ok" | "failed" | "unknown"; detail: Record<string, unknown> };

// "pending": the write was about to be sent (or is being sent) when this was stored; "unknown":
// its answer never came and reading the target back could not tell.
const OUTCOMES = {
  pending: { label: "In progress", tone: "amber" },
  ok: { label: "Done", tone: "green" },
  failed: { label: "Failed", tone: "red" },
  unknown: { label: "Unknown: check", tone: "amber" },
} as const;

/** The audit log's columns: when, who (with the role they had), what, on what, how it went, details. */
export const auditColumns: ColumnDef<AuditRow, unknown>[] = [
  { id: "at", header: "When (UTC)", cell: ({ row }) => <span className="whitespace-nowrap font-mono text-xs">{row.original.at.replace("T", " ").slice(0, 19)}</span> },
  {
    id: "actor",
    header: "Who",
    cell: ({ row }) => (
      <>
        {row.original.actorEmail}{" "}
        <span className="text-xs text-slate-500">({row.original.actorRole === "anonymous" ? "not signed in" : ROLE_LABELS[row.original.actorRole]})</span>
      </>
    ),
  },
  { id: "action", header: "Action", cell: ({ row }) => <span className="font-mono text-xs">{row.original.action}</span> },
  { id: "target", header: "Target", cell: ({ row }) => <span className="font-mono text-xs">{row.original.target}</span> },
  {
    id: "outcome",
    header: "Outcome",
    cell: ({ row }) => {
      const o = OUTCOMES[row.original.outcome];
      const found = typeof row.original.detail.found === "string" ? row.original.detail.found : null;
      return (
        <>
          <Badge tone={o.tone}>{o.label}</Badge>
          {found ? <span className="mt-1 block max-w-xs text-xs text-slate-600">{found}</span> : null}
        </>
      );
    },
  },
  {
    id: "detail",
    header: "Details",
    cell: ({ row }) => (
      <span className="block max-w-md truncate font-mono text-xs text-slate-600" title={JSON.stringify(row.original.detail)}>
        {JSON.stringify(row.original.detail)}
      </span>
    ),
  },
];

"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { auditDetailRows } from "@/lib/domain/audit-details";
import { ROLE_LABELS } from "@/lib/domain/roles";
import type { AuditEntryView } from "@/lib/schemas/audit";

export type AuditRow = AuditEntryView;

/** Who is not a person with a role: someone who had not signed in, or the console itself. */
const ACTOR_LABELS = { anonymous: "not signed in", system: "the console" } as const;

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
  {
    id: "at",
    header: "When (UTC)",
    cell: ({ row }) => <span className="whitespace-nowrap font-mono text-xs">{row.original.at.replace("T", " ").slice(0, 19)}</span>,
  },
  {
    id: "actor",
    header: "Who",
    cell: ({ row }) => (
      <>
        {row.original.actorEmail}{" "}
        <span className="text-xs text-slate-500">
          ({ACTOR_LABELS[row.original.actorRole as keyof typeof ACTOR_LABELS] ?? ROLE_LABELS[row.original.actorRole as keyof typeof ROLE_LABELS]})
        </span>
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
    cell: ({ row }) => {
      // "found" is shown with the outcome; an error's sentence stays readable.
      const rows = auditDetailRows(row.original.detail).filter(([k]) => k !== "found");
      if (rows.length === 0) return <span className="text-xs text-slate-400">—</span>;
      return (
        <dl className="max-w-md space-y-0.5 text-xs text-slate-700">
          {rows.map(([k, v]) => (
            <div key={k} className="flex gap-1">
              <dt className="shrink-0 font-medium text-slate-500">{k}:</dt>
              <dd className="min-w-0 break-words">{v}</dd>
            </div>
          ))}
        </dl>
      );
    },
  },
];

"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS, type Role } from "@/lib/schemas/roles";

export type AuditRow = { id: number; at: string; actorEmail: string; actorRole: Role | "anonymous"; action: string; target: string; outcome: "ok" | "failed"; detail: Record<string, unknown> };

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
    cell: ({ row }) => <Badge tone={row.original.outcome === "ok" ? "green" : "red"}>{row.original.outcome === "ok" ? "Done" : "Failed"}</Badge>,
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

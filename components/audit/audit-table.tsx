"use client";

import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/ui/states";
import { auditColumns, type AuditRow } from "./audit-columns";

/** The newest audit entries, in the console's one table. */
export function AuditTable({ entries }: { entries: AuditRow[] }) {
  if (!entries.length) return <EmptyState title="No changes yet">Changes made in the console appear here.</EmptyState>;
  return <DataTable label="Audit log" columns={auditColumns} data={entries} getRowId={(e) => String(e.id)} />;
}

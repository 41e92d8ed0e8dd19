"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { DataTable, DataTableToolbar, DateFilter, DebouncedSearchInput } from "@/components/data-table";
import { useDataTableUrlState } from "@/components/data-table/use-url-state";
import { NOT_LOADED, QueryProblem } from "@/components/ui/query-problem";
import { AUDIT_FILTERS, auditCsvUrl, auditParams, auditQueryOptions } from "@/lib/queries/audit";
import { AUDIT_TABLE } from "@/lib/queries/table-url";
import { auditColumns } from "./audit-columns";

/** Common action names, offered while typing (any other name or prefix works too). */
const ACTIONS = [
  "batch.",
  "batch.create",
  "batch.pause",
  "batch.resume",
  "batch.update",
  "batch.delete",
  "batch.upload",
  "campaign.",
  "campaign.update",
  "campaign.stop",
  "campaign.resume",
  "user.",
  "auth.login",
  "token.",
  "alert.ack",
];

/** The audit log: filtered by who, what, on what and when (all in the URL: shareable), paged on the server, exportable as CSV. */
export function AuditTable() {
  const state = useDataTableUrlState(AUDIT_TABLE);
  const searchParams = useSearchParams();
  const params = useMemo(() => auditParams(searchParams), [searchParams]);
  const query = useQuery(auditQueryOptions(params));
  const active = AUDIT_FILTERS.some((k) => state.get(k));
  return (
    <div className="space-y-3">
      <QueryProblem query={query} what="The audit log" />
      <DataTable
        label="Audit log"
        columns={auditColumns}
        data={query.data?.items ?? []}
        totalCount={query.data?.total_count ?? 0}
        state={state}
        pageSizes={AUDIT_TABLE.pageSizes}
        getRowId={(e) => String(e.id)}
        loading={query.isPending}
        refreshing={query.isPlaceholderData}
        empty={query.isError ? NOT_LOADED : active ? "No entries match these filters." : "No changes yet. Changes made in the console appear here."}
        toolbar={
          <DataTableToolbar active={active} onReset={() => state.reset([...AUDIT_FILTERS])}>
            <DebouncedSearchInput
              label="Who (email or part of it)"
              value={state.get("actor") ?? ""}
              onChange={(v) => state.set({ actor: v || null })}
              placeholder="e.g. manager or @example.com"
            />
            {/* Applies as you type, like the other filters (a prefix such as "batch." is a filter too). */}
            <DebouncedSearchInput
              label="Action"
              list="audit-actions"
              value={state.get("action") ?? ""}
              onChange={(v) => state.set({ action: v || null })}
              placeholder="e.g. batch. or batch.pause"
            />
            <datalist id="audit-actions">
              {ACTIONS.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
            <DebouncedSearchInput
              label="Target"
              value={state.get("target") ?? ""}
              onChange={(v) => state.set({ target: v || null })}
              placeholder="e.g. batch:spring or batch:"
            />
            <DateFilter label="From (UTC)" value={state.get("from") ?? ""} onChange={(v) => state.set({ from: v || null })} />
            <DateFilter label="To (UTC, inclusive)" value={state.get("to") ?? ""} onChange={(v) => state.set({ to: v || null })} />
            <a
              href={auditCsvUrl(params)}
              download
              className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Export CSV
            </a>
          </DataTableToolbar>
        }
      />
    </div>
  );
}

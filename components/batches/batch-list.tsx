"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { DataTable, DataTableToolbar, DebouncedSearchInput, SelectFilter, useDataTableUrlState } from "@/components/data-table";
import { NOT_LOADED, QueryProblem } from "@/components/ui/query-problem";
import { UpstreamClockProvider } from "@/components/ui/time";
import { BATCH_STATUSES } from "@/lib/domain/syllable-values";
import { batchListParams, batchListQueryOptions } from "@/lib/queries/batches";
import { BATCH_LIST_TABLE } from "@/lib/queries/table-url";
import { batchColumns } from "./batch-columns";

const SEARCH_FIELDS = [
  { value: "batch_id", label: "Batch id" },
  { value: "campaign_id", label: "Campaign id" },
  { value: "status", label: "Status" },
];


/** The batch list: server-paged and sorted, filters and page in the URL. */
export function BatchList() {
  const state = useDataTableUrlState(BATCH_LIST_TABLE);
  const searchParams = useSearchParams();
  const params = useMemo(() => batchListParams(searchParams), [searchParams]);
  const query = useQuery(batchListQueryOptions(params));
  const field = state.get("field") ?? "batch_id";
  const value = state.get("value") ?? "";
  const active = !!(value || state.get("start") || state.get("end"));

  return (
    <div className="space-y-3">
      <QueryProblem query={query} what="The batch list" />
      <UpstreamClockProvider nowIso={query.data?.upstream_now} receivedAt={query.dataUpdatedAt}>
      <DataTable
        label="Batches"
        columns={batchColumns}
        data={query.data?.items ?? []}
        totalCount={query.data?.total_count ?? 0}
        state={state}
        getRowId={(b) => b.batch_id}
        loading={query.isPending}
        refreshing={query.isFetching && !query.isPending}
        empty={query.isError ? NOT_LOADED : active ? "No batches match these filters." : "No batches yet."}
        toolbar={
          <DataTableToolbar active={active} onReset={() => state.reset(["field", "value", "start", "end"])}>
            <SelectFilter
              label="Search in"
              value={field}
              anyLabel="Batch id"
              options={SEARCH_FIELDS.slice(1)}
              onChange={(f) => state.set({ field: f || null, value: null })}
            />
            {field === "status" ? (
              <SelectFilter
                label="Status"
                value={value}
                options={BATCH_STATUSES}
                onChange={(v) => state.set({ field: "status", value: v || null })}
              />
            ) : (
              <DebouncedSearchInput
                label={field === "campaign_id" ? "Campaign id" : "Batch id"}
                value={value}
                onChange={(v) => state.set({ value: v || null })}
                placeholder={field === "campaign_id" ? "e.g. 3" : "e.g. seed-payments"}
              />
            )}
            <DateFilter label="Created from" value={state.get("start") ?? ""} onChange={(v) => state.set({ start: v || null })} />
            <DateFilter label="Created to" value={state.get("end") ?? ""} onChange={(v) => state.set({ end: v || null })} />
          </DataTableToolbar>
        }
      />
      </UpstreamClockProvider>
      <p className="text-xs text-slate-500">Dates and times in UTC.</p>
    </div>
  );
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <input type="date" value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal text-slate-900" />
    </label>
  );
}

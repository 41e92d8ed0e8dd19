"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { ColumnDef, RowSelectionState } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import type { BatchListItem } from "@/lib/schemas/batches";
import type { BulkAction } from "./bulk-action-form";
import { DataTable, DataTableToolbar, DateFilter, DebouncedSearchInput, SelectFilter, SelectionBar, useDataTableUrlState } from "@/components/data-table";
import { NOT_LOADED, QueryProblem } from "@/components/ui/query-problem";
import { UpstreamClockProvider } from "@/components/ui/time";
import { BATCH_STATUSES } from "@/lib/domain/syllable-values";
import { batchListParams, batchListQueryOptions } from "@/lib/queries/batches";
import { BATCH_LIST_TABLE } from "@/lib/queries/table-url";
import { batchColumns } from "./batch-columns";

const SEARCH_FIELDS = [
  { value: "batch_id", label: "Batch id" },
  { value: "campaign_id", label: "Campaign" },
  { value: "status", label: "Status" },
];

const BulkActionForm = lazyView(() => import("./bulk-action-form").then((m) => m.BulkActionForm));
const BULK_TITLE: Record<BulkAction, string> = { pause: "Pause these batches?", resume: "Resume these batches?", expire: "Set the expiry of these batches" };

/** A checkbox per row and one for the page, for managers' bulk actions. */
const selectColumn: ColumnDef<BatchListItem, unknown> = {
  id: "select",
  enableSorting: false,
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="Select every batch on this page"
      checked={table.getIsAllPageRowsSelected()}
      onChange={table.getToggleAllPageRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <input type="checkbox" aria-label={`Select ${row.original.batch_id}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
  ),
};

/** The batch list: server-paged and sorted, filters and page in the URL; managers select batches to pause, resume or expire together. */
export function BatchList({ canWrite = false }: { canWrite?: boolean }) {
  const state = useDataTableUrlState(BATCH_LIST_TABLE);
  const searchParams = useSearchParams();
  const params = useMemo(() => batchListParams(searchParams), [searchParams]);
  const query = useQuery(batchListQueryOptions(params));
  const field = state.get("field") ?? "batch_id";
  const value = state.get("value") ?? "";
  const active = !!(value || state.get("start") || state.get("end"));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [bulk, setBulk] = useState<BulkAction | null>(null);
  const selected = Object.keys(selection).filter((k) => selection[k]);
  const columns = useMemo(() => (canWrite ? [selectColumn, ...batchColumns] : batchColumns), [canWrite]);

  return (
    <div className="space-y-3">
      <QueryProblem query={query} what="The batch list" />
      <UpstreamClockProvider nowIso={query.data?.upstream_now} receivedAt={query.dataUpdatedAt}>
        <DataTable
          label="Batches"
          columns={columns}
          data={query.data?.items ?? []}
          totalCount={query.data?.total_count ?? 0}
          state={state}
          getRowId={(b) => b.batch_id}
          loading={query.isPending}
          refreshing={query.isPlaceholderData}
          empty={query.isError ? NOT_LOADED : active ? "No batches match these filters." : "No batches yet."}
          rowSelection={canWrite ? selection : undefined}
          onRowSelectionChange={canWrite ? setSelection : undefined}
          footer={() =>
            canWrite && selected.length > 0 ? (
              <SelectionBar label="Selected batches" onClear={() => setSelection({})}>
                {(["pause", "resume", "expire"] as const).map((a) => (
                  <Button key={a} size="sm" variant="secondary" onClick={() => setBulk(a)} {...preloadOn(BulkActionForm)}>
                    {a === "pause" ? "Pause" : a === "resume" ? "Resume" : "Set expiry…"}
                  </Button>
                ))}
              </SelectionBar>
            ) : null
          }
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
                <SelectFilter label="Status" value={value} options={BATCH_STATUSES} onChange={(v) => state.set({ field: "status", value: v || null })} />
              ) : (
                <DebouncedSearchInput
                  label={field === "campaign_id" ? "Campaign (id or name)" : "Batch id"}
                  value={value}
                  onChange={(v) => state.set({ value: v || null })}
                  placeholder={field === "campaign_id" ? "e.g. 3 or Payments" : "e.g. seed-payments"}
                />
              )}
              <DateFilter label="Created from" value={state.get("start") ?? ""} onChange={(v) => state.set({ start: v || null })} />
              <DateFilter label="Created to" value={state.get("end") ?? ""} onChange={(v) => state.set({ end: v || null })} />
            </DataTableToolbar>
          }
        />
      </UpstreamClockProvider>
      <p className="text-xs text-slate-500">Dates and times in UTC.</p>
      <Dialog
        open={bulk !== null}
        onClose={() => setBulk(null)}
        title={bulk ? BULK_TITLE[bulk] : ""}
        description="Each batch is changed on its own; the outcome of each is shown."
      >
        {bulk && (
          <BulkActionForm
            action={bulk}
            batchIds={selected}
            onDone={(changed) => {
              setBulk(null);
              if (changed) setSelection({});
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

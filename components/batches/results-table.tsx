"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef, RowSelectionState } from "@tanstack/react-table";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { DataTable, DataTableColumnHeader, DataTableToolbar, DebouncedSearchInput, SelectFilter, type DataTableUrlState } from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/states";
import { useRemoveRequests } from "@/lib/queries/batch-writes";
import { batchResultsQueryOptions, resultsCsvUrl, resultsParams } from "@/lib/queries/batches";
import { RESULTS_TABLE } from "@/lib/queries/table-url";
import type { ResultRow } from "@/lib/schemas/batches";
import { INSIGHTS_STATUSES, REQUEST_STATUSES } from "@/lib/schemas/syllable";
import { RequestStatus } from "./batch-badges";
import { outcomeLabel } from "./status-colors";
import { absoluteUtc } from "@/lib/format";


const removable = (r: ResultRow) => r.request_status === "PENDING" && !r.attempt_count;

/** The results of a batch, paged/sorted/filtered on the server; managers can select PENDING rows to remove. */
export function ResultsTable({ batchId, state, canWrite, knownStatuses }: { batchId: string; state: DataTableUrlState; canWrite: boolean; knownStatuses: string[] }) {
  const searchParams = useSearchParams();
  const params = useMemo(() => resultsParams(searchParams), [searchParams]);
  const query = useQuery(batchResultsQueryOptions(batchId, params));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState(false);
  const selectedIds = Object.keys(selection).filter((k) => selection[k]);

  const remove = useRemoveRequests(batchId);
  const removeSelected = (ids: string[]) =>
    remove.mutate(ids, {
      onSuccess: (res) => {
        setSelection({});
        setConfirm(false);
        const plural = (n: number) => `${n} request${n === 1 ? "" : "s"}`;
        const problems = [
          res.not_removed.length ? `${res.not_removed.length} could not be removed (already dialed)` : "",
          res.not_found.length ? `${res.not_found.length} no longer in the batch` : "",
        ].filter(Boolean);
        if (problems.length) toast.warning(`Removed ${plural(res.removed.length)}; ${problems.join("; ")}.`);
        else toast.success(`Removed ${plural(res.removed.length)}.`);
      },
      onError: (err) => toast.error(err.message),
    });

  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns = useMemo<ColumnDef<ResultRow, unknown>[]>(() => {
    const cols: ColumnDef<ResultRow, unknown>[] = [
      { id: "reference_id", accessorKey: "reference_id", header: ({ column }) => <DataTableColumnHeader column={column} title="Reference" />, cell: ({ row }) => <span className="font-mono text-xs">{row.original.reference_id}</span> },
      { id: "target", accessorKey: "target", header: ({ column }) => <DataTableColumnHeader column={column} title="Target" />, cell: ({ row }) => <span className="whitespace-nowrap">{row.original.target}</span> },
      { id: "request_status", accessorKey: "request_status", header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />, cell: ({ row }) => <RequestStatus status={row.original.request_status} /> },
      { id: "channel_manager_status", accessorKey: "channel_manager_status", header: ({ column }) => <DataTableColumnHeader column={column} title="Outcome" />, cell: ({ row }) => (row.original.channel_manager_status ? outcomeLabel(row.original.channel_manager_status) : "—") },
      { id: "attempt_count", accessorKey: "attempt_count", header: ({ column }) => <DataTableColumnHeader column={column} title="Attempts" />, cell: ({ row }) => row.original.attempt_count ?? 0 },
      { id: "sent_at", accessorKey: "sent_at", header: ({ column }) => <DataTableColumnHeader column={column} title="Sent at" />, cell: ({ row }) => <span className="whitespace-nowrap text-xs">{row.original.sent_at ? absoluteUtc(row.original.sent_at) : "—"}</span> },
      { id: "insights_status", accessorKey: "insights_status", header: ({ column }) => <DataTableColumnHeader column={column} title="Insights" />, cell: ({ row }) => row.original.insights_status ?? "—" },
      {
        id: "details",
        header: "Rating / details",
        enableSorting: false,
        cell: ({ row }) => {
          const r = row.original;
          const rating = r.insights?.rating;
          const hasMore = !!(r.insights && Object.keys(r.insights).length) || !!(r.request_variables && Object.keys(r.request_variables).length);
          return (
            <span className="flex items-center gap-2">
              {typeof rating === "string" && <span className="text-xs">{rating}</span>}
              {hasMore && (
                <Button size="sm" variant="ghost" aria-expanded={expanded.has(r.reference_id)} onClick={() => toggle(r.reference_id)} aria-label={`${expanded.has(r.reference_id) ? "Hide" : "Show"} details of ${r.reference_id}`}>
                  {expanded.has(r.reference_id) ? "Hide" : "Show"}
                </Button>
              )}
            </span>
          );
        },
      },
    ];
    if (canWrite) {
      cols.unshift({
        id: "select",
        enableSorting: false,
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label="Select all removable rows on this page"
            checked={table.getIsAllPageRowsSelected() && table.getRowModel().rows.some((r) => r.getCanSelect())}
            onChange={(e) => table.getRowModel().rows.forEach((r) => r.getCanSelect() && r.toggleSelected(e.target.checked))}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select ${row.original.reference_id}`}
            disabled={!row.getCanSelect()}
            title={row.getCanSelect() ? undefined : "Only requests not dialed yet (PENDING) can be removed"}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      });
    }
    return cols;
  }, [canWrite, expanded]);

  const filtersActive = !!(state.get("status") || state.get("insights") || state.get("q"));
  const statusOptions = [...new Set([...REQUEST_STATUSES, ...knownStatuses])];
  return (
    <div className="space-y-3">
      {query.isError && <ErrorState message={query.error.message} onRetry={() => query.refetch()} />}
      <DataTable
        label="Results"
        columns={columns}
        data={query.data?.items ?? []}
        totalCount={query.data?.total_count ?? 0}
        state={state}
        pageSizes={RESULTS_TABLE.pageSizes}
        getRowId={(r) => r.reference_id}
        loading={query.isPending}
        refreshing={query.isFetching && !query.isPending}
        rowSelection={canWrite ? selection : undefined}
        onRowSelectionChange={canWrite ? setSelection : undefined}
        enableRowSelection={canWrite ? (row) => removable(row.original) : undefined}
        empty={filtersActive ? "No results match these filters." : "No requests in this batch yet."}
        renderSubRow={(row) => (expanded.has(row.original.reference_id) ? <ResultDetails r={row.original} /> : null)}
        toolbar={
          <DataTableToolbar active={filtersActive} onReset={() => state.reset(["status", "insights", "q"])}>
            <DebouncedSearchInput label="Search target, reference, variables" value={state.get("q") ?? ""} onChange={(v) => state.set({ q: v || null })} />
            <SelectFilter label="Request status" value={state.get("status") ?? ""} options={statusOptions} onChange={(v) => state.set({ status: v || null })} />
            <SelectFilter label="Insights status" value={state.get("insights") ?? ""} options={INSIGHTS_STATUSES} onChange={(v) => state.set({ insights: v || null })} />
            <a href={resultsCsvUrl(batchId, params)} download className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Export CSV
            </a>
          </DataTableToolbar>
        }
        footer={() =>
          canWrite && selectedIds.length > 0 ? (
            <div className="flex items-center gap-3 rounded-md bg-indigo-50 px-3 py-2 text-sm">
              <span>{selectedIds.length} selected</span>
              <Button size="sm" variant="danger" onClick={() => setConfirm(true)}>
                Remove selected
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setSelection({})}>
                Clear selection
              </Button>
            </div>
          ) : null
        }
      />
      <ConfirmDialog
        open={confirm}
        onClose={() => setConfirm(false)}
        onConfirm={() => removeSelected(selectedIds)}
        busy={remove.isPending}
        destructive
        title={`Remove ${selectedIds.length} request${selectedIds.length === 1 ? "" : "s"}?`}
        description="They will not be dialed. Requests already dialed cannot be removed."
        confirmLabel="Remove"
      >
        <p className="max-h-24 overflow-auto font-mono text-xs text-slate-600">{selectedIds.join(", ")}</p>
      </ConfirmDialog>
    </div>
  );
}

function ResultDetails({ r }: { r: ResultRow }) {
  const insights = r.insights ?? {};
  const vars = r.request_variables ?? {};
  return (
    <div className="grid gap-4 text-xs sm:grid-cols-2">
      <div>
        <h3 className="font-semibold text-slate-700">Insights</h3>
        {Object.keys(insights).length === 0 ? (
          <p className="text-slate-500">None yet.</p>
        ) : (
          <dl className="space-y-1">
            {Object.entries(insights).map(([k, v]) => (
              <div key={k}>
                <dt className="inline font-medium">{k}: </dt>
                <dd className="inline whitespace-pre-wrap">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      <div>
        <h3 className="font-semibold text-slate-700">Request variables</h3>
        {Object.keys(vars).length === 0 ? (
          <p className="text-slate-500">None.</p>
        ) : (
          <dl className="space-y-1">
            {Object.entries(vars).map(([k, v]) => (
              <div key={k}>
                <dt className="inline font-medium">{k}: </dt>
                <dd className="inline">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}

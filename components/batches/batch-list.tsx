"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { DataTable, DataTableColumnHeader, DataTableToolbar, DebouncedSearchInput, SelectFilter, useDataTableUrlState } from "@/components/data-table";
import { ErrorState } from "@/components/ui/states";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { BatchListItem } from "@/lib/schemas/batches";
import { BATCH_STATUSES } from "@/lib/schemas/syllable";
import { batchListParams, batchListQueryOptions } from "@/lib/queries/batches";
import { BATCH_LIST_TABLE } from "@/lib/queries/table-url";
import { AutoPacedBadge, BatchStatusBadge, HoldBadge } from "./batch-badges";
import { absoluteUtc } from "@/lib/format";
import { RelativeTime } from "./time";

const SEARCH_FIELDS = [
  { value: "batch_id", label: "Batch id" },
  { value: "campaign_id", label: "Campaign id" },
  { value: "status", label: "Status" },
];

const columns: ColumnDef<BatchListItem, unknown>[] = [
  {
    id: "batch_id",
    accessorKey: "batch_id",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Batch" />,
    cell: ({ row }) => (
      <Link href={`/batches/${encodeURIComponent(row.original.batch_id)}`} className="font-medium text-indigo-700 hover:underline">
        {row.original.batch_id}
      </Link>
    ),
  },
  {
    id: "campaign_id",
    accessorKey: "campaign_id",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Campaign" />,
    cell: ({ row }) => (
      <Link href={`/campaigns/${row.original.campaign_id}`} className="text-slate-700 hover:underline">
        {row.original.campaign_name ?? `Campaign ${row.original.campaign_id}`}
      </Link>
    ),
  },
  {
    id: "status",
    accessorKey: "status",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
    cell: ({ row }) => (
      <span className="flex flex-wrap gap-1">
        <BatchStatusBadge status={row.original.status} />
        <HoldBadge paused={row.original.paused} />
        <AutoPacedBadge auto={row.original.auto_call_rate} baseline={row.original.auto_call_rate_baseline} />
      </span>
    ),
  },
  {
    id: "progress",
    header: "Progress",
    enableSorting: false,
    cell: ({ row }) => {
      const p = row.original.progress;
      if (!p) return <span className="text-slate-400">—</span>;
      const pct = Math.round(p.fraction * 1000) / 10;
      return (
        <div className="w-36 space-y-1">
          <ProgressBar value={p.fraction} label={`Progress of ${row.original.batch_id}`} />
          <p className="text-xs text-slate-500">
            {pct}% · {p.finished.toLocaleString("en-US")} / {p.total.toLocaleString("en-US")}
          </p>
        </div>
      );
    },
  },
  {
    id: "expires_on",
    accessorKey: "expires_on",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Expires" />,
    cell: ({ row }) => <RelativeTime iso={row.original.expires_on} />,
  },
  {
    id: "created_at",
    accessorKey: "created_at",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
    cell: ({ row }) => <span title={absoluteUtc(row.original.created_at)}>{absoluteUtc(row.original.created_at).slice(0, 10)}</span>,
  },
  {
    id: "last_updated_at",
    accessorKey: "last_updated_at",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Last updated" />,
    cell: ({ row }) => (
      <span className="text-xs">
        <RelativeTime iso={row.original.last_updated_at} />
        {row.original.last_updated_by && <span className="block text-slate-500">by {row.original.last_updated_by}</span>}
      </span>
    ),
  },
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
      {query.isError && <ErrorState message={query.error.message} onRetry={() => query.refetch()} />}
      <DataTable
        label="Batches"
        columns={columns}
        data={query.data?.items ?? []}
        totalCount={query.data?.total_count ?? 0}
        state={state}
        getRowId={(b) => b.batch_id}
        loading={query.isPending}
        refreshing={query.isFetching && !query.isPending}
        empty={active ? "No batches match these filters." : "No batches yet."}
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

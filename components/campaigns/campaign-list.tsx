"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { DataTable, DataTableColumnHeader, DataTableToolbar, DebouncedSearchInput, SelectFilter, useDataTableUrlState } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { ErrorState } from "@/components/ui/states";
import { campaignListParams, campaignListQueryOptions } from "@/lib/queries/campaigns";
import { CAMPAIGN_LIST_TABLE } from "@/lib/queries/table-url";
import { CAMPAIGN_MODES, type CampaignListItem } from "@/lib/schemas/campaigns";
import { hasRole, type Role } from "@/lib/schemas/roles";
import { CreateCampaignButton } from "./create-campaign-dialog";
import { absoluteUtc } from "@/lib/format";
import { campaignLabels, formatRetries, formatWindow } from "./format";

function columns(countsComplete: boolean): ColumnDef<CampaignListItem, unknown>[] {
  return [
    {
      id: "campaign_name",
      accessorKey: "campaign_name",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
      cell: ({ row }) => (
        <Link href={`/campaigns/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.campaign_name}
        </Link>
      ),
    },
    {
      id: "mode",
      accessorKey: "mode",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Mode" />,
      cell: ({ row }) => row.original.mode ?? "—",
    },
    {
      id: "daily_start_time",
      accessorKey: "daily_start_time",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Calling window (UTC)" />,
      cell: ({ row }) => <span className="whitespace-nowrap">{formatWindow(row.original)}</span>,
    },
    { id: "hourly_rate", header: "Hourly rate", enableSorting: false, cell: ({ row }) => row.original.hourly_rate ?? "—" },
    { id: "retries", header: "Retries", enableSorting: false, cell: ({ row }) => formatRetries(row.original) },
    {
      id: "voicemail",
      header: "Voicemail detection",
      enableSorting: false,
      cell: ({ row }) => (row.original.voicemail_detection ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>),
    },
    {
      id: "labels",
      header: "Labels",
      enableSorting: false,
      cell: ({ row }) => (
        <span className="flex flex-wrap gap-1">
          {campaignLabels(row.original).map((l) => (
            <Badge key={l} tone="violet">
              {l}
            </Badge>
          ))}
        </span>
      ),
    },
    {
      id: "batches",
      header: "Batches (active/total)",
      enableSorting: false,
      cell: ({ row }) => {
        const c = row.original.batch_counts;
        if (!c) return <span title="Batch counts are unavailable right now">—</span>;
        return (
          <Link href={`/batches?field=campaign_id&value=${row.original.id}`} className="hover:underline" title="Active = pending, active or paused">
            {c.active}/{c.total}
            {countsComplete ? "" : "+"}
          </Link>
        );
      },
    },
    {
      id: "updated_at",
      accessorKey: "updated_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Updated" />,
      cell: ({ row }) => <span className="whitespace-nowrap">{absoluteUtc(row.original.updated_at)}</span>,
    },
  ];
}

/** The campaign list: server-paged, sorted and filtered; page, sort and filters live in the URL. */
export function CampaignList({ role }: { role: Role }) {
  const state = useDataTableUrlState(CAMPAIGN_LIST_TABLE);
  const searchParams = useSearchParams();
  const params = campaignListParams(searchParams);
  const query = useQuery(campaignListQueryOptions(params));
  const complete = query.data?.batch_counts_complete ?? true;
  const cols = useMemo(() => columns(complete), [complete]);
  const filtersActive = Boolean(state.get("q") || state.get("label") || state.get("mode"));

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-xl font-semibold">Campaigns</h1>
        {hasRole(role, "admin") && <CreateCampaignButton />}
      </div>
      {query.error && !query.data ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : (
        <DataTable
          label="Campaigns"
          columns={cols}
          data={query.data?.items ?? []}
          totalCount={query.data?.total_count ?? 0}
          state={state}
          getRowId={(c) => String(c.id)}
          loading={query.isPending}
          refreshing={query.isFetching && !query.isPending}
          empty={filtersActive ? "No campaign matches these filters." : "No campaigns yet."}
          toolbar={
            <DataTableToolbar active={filtersActive} onReset={() => state.reset(["q", "label", "mode"])}>
              <DebouncedSearchInput label="Search by name" value={state.get("q") ?? ""} onChange={(v) => state.set({ q: v })} placeholder="Campaign name" />
              <DebouncedSearchInput label="Label" value={state.get("label") ?? ""} onChange={(v) => state.set({ label: v })} placeholder="e.g. billing" />
              <SelectFilter label="Mode" value={state.get("mode") ?? ""} onChange={(v) => state.set({ mode: v })} options={[...CAMPAIGN_MODES]} />
            </DataTableToolbar>
          }
        />
      )}
      {query.error && query.data && <p className="text-sm text-amber-700">Showing earlier data: {query.error.message}</p>}
    </div>
  );
}

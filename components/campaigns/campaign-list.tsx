"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { DataTable, DataTableToolbar, DebouncedSearchInput, SelectFilter, useDataTableUrlState } from "@/components/data-table";
import { QueryProblem } from "@/components/ui/query-problem";
import { campaignListParams, campaignListQueryOptions } from "@/lib/queries/campaigns";
import { CAMPAIGN_LIST_TABLE } from "@/lib/queries/table-url";
import { CAMPAIGN_MODES } from "@/lib/domain/campaign-fields";
import { hasRole, type Role } from "@/lib/domain/roles";
import { CreateCampaignButton } from "./create-campaign-dialog";
import { campaignColumns } from "./campaign-columns";

/** The campaign list: server-paged, sorted and filtered; page, sort and filters live in the URL. */
export function CampaignList({ role }: { role: Role }) {
  const state = useDataTableUrlState(CAMPAIGN_LIST_TABLE);
  const searchParams = useSearchParams();
  const params = campaignListParams(searchParams);
  const query = useQuery(campaignListQueryOptions(params));
  const complete = query.data?.batch_counts_complete ?? true;
  const cols = useMemo(() => campaignColumns(complete), [complete]);
  const filtersActive = Boolean(state.get("q") || state.get("label") || state.get("mode"));

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-xl font-semibold">Campaigns</h1>
        {hasRole(role, "admin") && <CreateCampaignButton />}
      </div>
      <QueryProblem query={query} what="The campaign list" />
      {query.error && !query.data ? null : (
        <DataTable
          label="Campaigns"
          columns={cols}
          data={query.data?.items ?? []}
          totalCount={query.data?.total_count ?? 0}
          state={state}
          getRowId={(c) => String(c.id)}
          loading={query.isPending}
          refreshing={query.isPlaceholderData}
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

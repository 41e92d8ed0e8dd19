"use client";

import { recoveringInterval } from "@/lib/queries/query-client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { campaignBatchColumns } from "@/components/batches/batch-columns";
import { DataTable } from "@/components/data-table";
import { LoadingState } from "@/components/ui/states";
import { QueryProblem } from "@/components/ui/query-problem";
import { UpstreamClockProvider } from "@/components/ui/time";
import { batchListQueryOptions } from "@/lib/queries/batches";

/** The campaign's batches with their progress, through the batch list API filtered to this campaign. */
export function CampaignBatches({ campaignId }: { campaignId: number }) {
  const params = { page: "1", limit: "25", search_field: "campaign_id", search_value: String(campaignId), order_by: "last_updated_at", order_dir: "desc" };
  const q = useQuery({ ...batchListQueryOptions(params), refetchInterval: recoveringInterval(15_000) });
  const all = `/batches?field=campaign_id&value=${campaignId}`;
  if (q.isPending) return <LoadingState label="Loading batches…" />;
  if (q.error && !q.data) return <QueryProblem query={q} what="The batches of this campaign" />;
  const items = q.data?.items ?? [];
  if (items.length === 0) return <p className="text-sm text-slate-500">No batches use this campaign.</p>;
  return (
    <div className="space-y-2">
      <QueryProblem query={q} what="The batches of this campaign" />
      <UpstreamClockProvider nowIso={q.data?.upstream_now} receivedAt={q.dataUpdatedAt}>
        <DataTable label="Batches of this campaign" columns={campaignBatchColumns} data={items} getRowId={(b) => b.batch_id} refreshing={q.isPlaceholderData} />
      </UpstreamClockProvider>
      <Link href={all} className="text-sm text-indigo-700 hover:underline">
        {(q.data?.total_count ?? 0) > items.length ? `All ${q.data?.total_count} batches in the batch list` : "Open in the batch list"}
      </Link>
    </div>
  );
}

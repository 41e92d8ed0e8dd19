"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { batchListQueryOptions } from "@/lib/queries/batches";
import { absoluteUtc } from "@/lib/format";

/** The campaign's batches with their progress, through the batch list API filtered to this campaign. */
export function CampaignBatches({ campaignId }: { campaignId: number }) {
  const params = { page: "1", limit: "25", search_field: "campaign_id", search_value: String(campaignId), order_by: "last_updated_at", order_dir: "desc" };
  const q = useQuery({ ...batchListQueryOptions(params), refetchInterval: 15_000 });
  const all = `/batches?field=campaign_id&value=${campaignId}`;
  if (q.isPending) return <LoadingState label="Loading batches…" />;
  if (q.error && !q.data) return <ErrorState message={q.error.message} onRetry={() => void q.refetch()} />;
  const items = q.data?.items ?? [];
  if (items.length === 0) return <p className="text-sm text-slate-500">No batches use this campaign.</p>;
  return (
    <div className="space-y-2">
      <table className="w-full text-left text-sm" aria-label="Batches of this campaign">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Batch</th>
            <th scope="col" className="py-1 pr-3 font-medium">Status</th>
            <th scope="col" className="py-1 pr-3 font-medium">Progress</th>
            <th scope="col" className="py-1 font-medium">Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((b) => (
            <tr key={b.batch_id}>
              <td className="py-1.5 pr-3">
                <Link href={`/batches/${encodeURIComponent(b.batch_id)}`} className="font-medium text-indigo-700 hover:underline">
                  {b.batch_id}
                </Link>
              </td>
              <td className="py-1.5 pr-3">
                <Badge>{b.status ?? "unknown"}</Badge>
                {b.paused ? <Badge tone="amber" className="ml-1">on hold</Badge> : null}
              </td>
              <td className="py-1.5 pr-3">
                {b.progress ? (
                  <div className="flex min-w-40 items-center gap-2">
                    <ProgressBar value={b.progress.fraction} label={`Progress of ${b.batch_id}`} />
                    <span className="whitespace-nowrap text-xs text-slate-600">
                      {b.progress.finished}/{b.progress.total}
                    </span>
                  </div>
                ) : (
                  "—"
                )}
              </td>
              <td className="py-1.5 whitespace-nowrap">{absoluteUtc(b.last_updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link href={all} className="text-sm text-indigo-700 hover:underline">
        {(q.data?.total_count ?? 0) > items.length ? `All ${q.data?.total_count} batches in the batch list` : "Open in the batch list"}
      </Link>
    </div>
  );
}

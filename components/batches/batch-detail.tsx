"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { OutcomeBreakdown } from "@/components/charts/outcome-breakdown";
import { ProgressHistoryChart } from "@/components/charts/progress-history-chart";
import { StatusBarChart } from "@/components/charts/status-bar-chart";
import { useDataTableUrlState } from "@/components/data-table";
import { RESULTS_TABLE } from "@/lib/queries/table-url";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { batchDetailQueryOptions, isLive } from "@/lib/queries/batches";
import { BatchActions } from "./batch-actions";
import { AutoPacedBadge, BatchStatusBadge, HoldBadge } from "./batch-badges";
import { BatchProgressCard } from "./batch-progress-card";
import { ResultsTable } from "./results-table";
import { absoluteUtc } from "@/lib/format";
import { UpdatedAgo } from "./time";

/** The live batch page: header, progress and ETA, charts, operations and results. */
export function BatchDetail({ batchId, canWrite, uploadMaxBytes }: { batchId: string; canWrite: boolean; uploadMaxBytes: number }) {
  const query = useQuery(batchDetailQueryOptions(batchId));
  const table = useDataTableUrlState(RESULTS_TABLE);
  if (query.isPending) return <LoadingState label="Loading batch…" />;
  if (query.isError && !query.data) return <ErrorState message={query.error.message} onRetry={() => query.refetch()} />;
  const batch = query.data!;
  const live = isLive(batch);
  const selectedStatus = table.get("status");

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/batches" className="text-indigo-700 underline">
            Batches
          </Link>{" "}
          / <span aria-current="page">{batch.batch_id}</span>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold">{batch.batch_id}</h1>
          <BatchStatusBadge status={batch.status} />
          <HoldBadge paused={batch.paused} />
          <AutoPacedBadge auto={batch.auto_call_rate} baseline={batch.auto_call_rate_baseline} />
          <span className="ml-auto flex items-center gap-2">
            {live ? <span className="text-xs font-medium text-emerald-700">Live</span> : null}
            <UpdatedAgo at={query.dataUpdatedAt} />
          </span>
        </div>
        {query.isError && <ErrorState message={`Refresh failed: ${query.error.message}`} />}
        {batch.status === "FAILED" && batch.error_message && (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            <strong>Failed: </strong>
            {batch.error_message}
          </p>
        )}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
          <Item label="Campaign">
            <Link href={`/campaigns/${batch.campaign_id}`} className="text-indigo-700 hover:underline">
              {batch.campaign?.campaign_name ?? `Campaign ${batch.campaign_id}`}
            </Link>
          </Item>
          <Item label="Expires on">{batch.expires_on ? absoluteUtc(batch.expires_on) : "No expiry"}</Item>
          <Item label="Call rate">{batch.call_rate ? `${batch.call_rate}/h` : `Campaign's (${batch.campaign?.hourly_rate ?? "?"}/h)`}</Item>
          <Item label="Created">{absoluteUtc(batch.created_at)}</Item>
          <Item label="Last updated">
            {absoluteUtc(batch.last_updated_at)}
            {batch.last_updated_by && <span className="block text-xs text-slate-500">by {batch.last_updated_by}</span>}
            {batch.console_change && (
              <span className="block text-xs text-slate-500" data-testid="console-change">
                last console change: {batch.console_change.actor_email} ({batch.console_change.action.replace(/^batch\./, "")},{" "}
                {absoluteUtc(batch.console_change.at)})
              </span>
            )}
          </Item>
          <Item label="Uploaded file">{batch.upload_filename ?? "—"}</Item>
        </dl>
        {canWrite && <BatchActions batch={batch} uploadMaxBytes={uploadMaxBytes} />}
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <BatchProgressCard batch={batch} canWrite={canWrite} />
        <Card title="Requests by status">
          {Object.keys(batch.status_counts ?? {}).length === 0 ? (
            <p className="text-sm text-slate-500">No requests yet.</p>
          ) : (
            <StatusBarChart counts={batch.status_counts ?? {}} selected={selectedStatus} onSelect={(s) => table.set({ status: s })} />
          )}
        </Card>
        <Card title="Progress over time">
          <ProgressHistoryChart points={batch.history} />
        </Card>
        <Card title="Channel outcomes by status">
          <OutcomeBreakdown detailed={batch.detailed_status_counts ?? {}} />
        </Card>
      </div>

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-lg font-semibold">
          Results
        </h2>
        <ResultsTable batchId={batch.batch_id} state={table} canWrite={canWrite} knownStatuses={Object.keys(batch.status_counts ?? {})} />
      </section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { OutcomeBreakdown } from "@/components/charts/outcome-breakdown";
import { ProgressHistoryChart } from "@/components/charts/progress-history-chart";
import { StatusBarChart } from "@/components/charts/status-bar-chart";
import { useDataTableUrlState } from "@/components/data-table/use-url-state";
import { lazyBelowFold } from "@/components/ui/lazy-view";
import { RESULTS_TABLE } from "@/lib/queries/table-url";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { QueryProblem } from "@/components/ui/query-problem";
import { useBatchEvents } from "@/lib/queries/batch-events";
import { BatchAlerts, EngineStaleBanner, useResultsFollowProgress } from "./live-freshness";
import { UpstreamText } from "@/components/ui/upstream-text";
import { RECOVERY_MS } from "@/lib/queries/query-client";
import { batchDetailQueryOptions, isLive } from "@/lib/queries/batches";
import { BatchActions } from "./batch-actions";
import { AutoPacedBadge, BatchStatusBadge, HoldBadge } from "./batch-badges";
import { BatchProgressCard } from "./batch-progress-card";
import { absoluteUtc } from "@/lib/format";

// Below the charts: its code (the table library, filters, columns) loads after the page.
const SchedulePanel = lazyBelowFold(() => import("@/components/schedule/schedule-panel").then((m) => m.SchedulePanel), "Loading the schedule…", 160);
const ResultsTable = lazyBelowFold(() => import("./results-table").then((m) => m.ResultsTable), "Loading results…");
import { RelativeTime, UpdatedAgo, UpstreamClockProvider } from "@/components/ui/time";

/** The live batch page: header, progress and ETA, charts, operations and results. */
export function BatchDetail({
  batchId,
  canWrite,
  uploadMaxBytes,
  resultsRefreshMs,
  serverError,
}: {
  batchId: string;
  canWrite: boolean;
  uploadMaxBytes: number;
  /** While the batch runs, its visible results are re-read at most this often (RESULTS_REFRESH_S). */
  resultsRefreshMs: number;
  /** Why the server could not load the batch for this render: shown at once, not after a second wait. */
  serverError?: string;
}) {
  const { connected } = useBatchEvents(batchId);
  const query = useQuery(batchDetailQueryOptions(batchId, { pushed: connected }));
  useResultsFollowProgress(batchId, query.data?.status_counts, resultsRefreshMs);
  const table = useDataTableUrlState(RESULTS_TABLE);
  if (query.isPending && serverError) {
    return <ErrorState message={`The batch could not be loaded. ${serverError} Trying again every ${RECOVERY_MS / 1000} s.`} onRetry={() => query.refetch()} />;
  }
  if (query.isPending) return <LoadingState label="Loading batch…" />;
  if (query.isError && !query.data) return <QueryProblem query={query} what="The batch" />;
  const batch = query.data;
  // "Live" only while refreshes succeed: stale numbers must not look current.
  const live = isLive(batch) && !query.isError && !batch.live?.stale_since;
  const selectedStatus = table.get("status");

  return (
    <UpstreamClockProvider nowIso={batch.upstream_now} receivedAt={query.dataUpdatedAt}>
      <div className="space-y-6">
        <header className="space-y-3">
          <nav aria-label="Breadcrumb" className="text-sm">
            <Link href="/batches" className="text-indigo-700 underline">
              Batches
            </Link>{" "}
            /{" "}
            <span aria-current="page">
              <UpstreamText value={batch.batch_id} compact />
            </span>
          </nav>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="min-w-0 text-xl font-semibold">
              <UpstreamText value={batch.batch_id} />
            </h1>
            <BatchStatusBadge status={batch.status} />
            <HoldBadge paused={batch.paused} />
            <AutoPacedBadge auto={batch.auto_call_rate} baseline={batch.auto_call_rate_baseline} />
            <span className="ml-auto flex items-center gap-2">
              {live ? <span className="text-xs font-medium text-emerald-700">Live</span> : null}
              <UpdatedAgo at={query.dataUpdatedAt} />
            </span>
          </div>
          <QueryProblem query={query} what="The batch" />
          {!query.isError && batch.live?.stale_since ? <EngineStaleBanner live={batch.live} /> : null}
          {/* Every role acknowledges: it is monitoring state ("someone is on it"), not a write to Syllable. */}
          <BatchAlerts batchId={batchId} canAck />
          {batch.status === "FAILED" && batch.error_message && (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
              <strong>Failed: </strong>
              <UpstreamText value={batch.error_message} />
            </p>
          )}
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
            <Item label="Campaign">
              <Link href={`/campaigns/${batch.campaign_id}`} className="text-indigo-700 hover:underline">
                {batch.campaign?.campaign_name ? <UpstreamText value={batch.campaign.campaign_name} /> : `Campaign ${batch.campaign_id}`}
              </Link>
            </Item>
            <Item label="Expires on">{batch.expires_on ? absoluteUtc(batch.expires_on) : "No expiry"}</Item>
            <Item label="Call rate">{batch.call_rate ? `${batch.call_rate}/h` : `Campaign's (${batch.campaign?.hourly_rate ?? "?"}/h)`}</Item>
            <Item label="Created">{absoluteUtc(batch.created_at)}</Item>
            <Item label="Last updated">
              <RelativeTime iso={batch.last_updated_at} clock="upstream" past />
              {batch.last_updated_by && (
                <span className="block text-xs text-slate-500">
                  by <UpstreamText value={batch.last_updated_by} />
                </span>
              )}
              {batch.console_change && (
                <span className="block text-xs text-slate-500" data-testid="console-change">
                  last console change: {batch.console_change.actor_email} ({batch.console_change.action.replace(/^batch\./, "")},{" "}
                  <RelativeTime iso={batch.console_change.at} past />)
                </span>
              )}
            </Item>
            {batch.follow_up_of && (
              <Item label="Follow-up of">
                <Link href={`/batches/${encodeURIComponent(batch.follow_up_of)}`} className="text-indigo-700 hover:underline">
                  <UpstreamText value={batch.follow_up_of} compact />
                </Link>
              </Item>
            )}
            {batch.suppression && (
              <Item label="Suppressed">
                <span data-testid="batch-suppressed">
                  {[
                    batch.suppression.at_upload ? `${batch.suppression.at_upload.toLocaleString("en-US")} suppressed at upload` : "",
                    batch.suppression.removed ? `${batch.suppression.removed.toLocaleString("en-US")} removed from the queue` : "",
                  ]
                    .filter(Boolean)
                    .join("; ")}
                </span>
                <Link href="/compliance" className="block text-xs text-indigo-700 hover:underline">
                  Suppression lists
                </Link>
              </Item>
            )}
            <Item label="Uploaded file">
              <UpstreamText value={batch.upload_filename} />
            </Item>
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
          <Card title="Schedule & calling hours">
            <SchedulePanel batchId={batch.batch_id} canWrite={canWrite} />
          </Card>
          <Card title="Progress over time">
            <ProgressHistoryChart points={batch.history} />
          </Card>
          <Card title="Channel outcomes by status">
            <OutcomeBreakdown
              detailed={batch.detailed_status_counts ?? {}}
              selected={{ status: selectedStatus, channel: table.get("channel") }}
              onSelect={(status, outcome) => table.set({ status, channel: outcome })}
            />
          </Card>
        </div>

        <section aria-labelledby="results-heading" className="space-y-3">
          <h2 id="results-heading" className="text-lg font-semibold">
            Results
          </h2>
          <ResultsTable
            batchId={batch.batch_id}
            campaignId={batch.campaign_id}
            state={table}
            canWrite={canWrite}
            knownStatuses={Object.keys(batch.status_counts ?? {})}
            knownOutcomes={[...new Set(Object.values(batch.detailed_status_counts ?? {}).flatMap((d) => Object.keys(d?.counts ?? {})))]}
          />
        </section>
      </div>
    </UpstreamClockProvider>
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

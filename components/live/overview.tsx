"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { notDialingMessage } from "@/components/batches/not-dialing-message";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { QueryProblem } from "@/components/ui/query-problem";
import { LoadingState, EmptyState } from "@/components/ui/states";
import { RelativeTime, UpdatedAgo, UpstreamClockProvider } from "@/components/ui/time";
import { UpstreamText } from "@/components/ui/upstream-text";
import type { AttentionReason, OverviewRow, OverviewTotals } from "@/lib/domain/overview";
import { liveOverviewQueryOptions } from "@/lib/queries/live";
import { useLiveOverviewEvents } from "@/lib/queries/live-events";
import { NotificationSwitch } from "./notification-switch";
import { useAlertNotifications } from "@/lib/queries/alert-notifications";
import { AlertStrip } from "./alert-strip";
import { Sparkline } from "./sparkline";

const n = (v: number) => v.toLocaleString("en-US");

const REASONS: Record<AttentionReason, { label: string; tone: "red" | "amber" | "gray" }> = {
  stale: { label: "Not up to date", tone: "amber" },
  failing: { label: "Failing", tone: "red" },
  not_dialing: { label: "Not dialing", tone: "amber" },
  will_not_finish: { label: "Won't finish before expiry", tone: "red" },
  held_by_calling_hours: { label: "Held by calling hours", tone: "gray" },
  held_by_schedule: { label: "Held by schedule", tone: "gray" },
  paused: { label: "On hold", tone: "gray" },
};

/** The page URL's filters as /api/live parameters. */
function filtersOf(sp: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  const campaign = sp.get("campaign");
  const status = sp.get("status");
  if (campaign && /^\d+$/.test(campaign)) out.campaign = campaign;
  if (status === "ACTIVE" || status === "PAUSED") out.status = status;
  return out;
}

/** The console's home: every active or paused batch, live, the ones needing attention first. */
export function LiveOverview({ canAck }: { canAck: boolean }) {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo(() => filtersOf(new URLSearchParams(sp.toString())), [sp]);
  const notifications = useAlertNotifications();
  const { connected } = useLiveOverviewEvents(params, { notify: notifications.state === "on" });
  const query = useQuery(liveOverviewQueryOptions(params, { pushed: connected }));
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(sp.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const data = query.data;
  const campaigns = useMemo(() => {
    const m = new Map<number, string>();
    for (const b of data?.batches ?? []) m.set(b.campaign_id, b.campaign_name ?? `Campaign ${b.campaign_id}`);
    return [...m].sort((a, b) => a[1].localeCompare(b[1]));
  }, [data]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">Overview</h1>
          <p className="text-sm text-slate-500">Every active or paused batch, live. The ones that need attention come first.</p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Campaign
            <select
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              value={params.campaign ?? ""}
              onChange={(e) => setFilter("campaign", e.target.value)}
            >
              <option value="">All campaigns</option>
              {params.campaign && !campaigns.some(([id]) => String(id) === params.campaign) ? (
                <option value={params.campaign}>Campaign {params.campaign}</option>
              ) : null}
              {campaigns.map(([id, name]) => (
                <option key={id} value={id}>
                  {name.length > 60 ? `${name.slice(0, 59)}…` : name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Status
            <select
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              value={params.status ?? ""}
              onChange={(e) => setFilter("status", e.target.value)}
            >
              <option value="">Active and paused</option>
              <option value="ACTIVE">Active</option>
              <option value="PAUSED">Paused</option>
            </select>
          </label>
          <NotificationSwitch control={notifications} openAlerts={data?.alerts ?? []} />
          <Link href="/wall" className="pb-1 text-sm font-medium text-indigo-700 hover:underline" title="Full screen, large type, for a screen on the wall">
            Wall view
          </Link>
          <span className="flex items-center gap-2 pb-1 text-xs" data-testid="overview-freshness">
            {connected ? <span className="font-medium text-emerald-700">Live</span> : null}
            <UpdatedAgo at={query.dataUpdatedAt} />
          </span>
        </div>
      </div>
      <QueryProblem query={query} what="The overview" />
      {query.isPending ? <LoadingState label="Loading the overview…" /> : null}
      {data ? (
        <UpstreamClockProvider nowIso={data.upstream_now} receivedAt={query.dataUpdatedAt}>
          <Totals totals={data.totals} />
          <AlertStrip alerts={data.alerts} canAck={canAck} />
          {data.batches.length === 0 ? (
            <EmptyState title={params.campaign || params.status ? "No batch matches these filters." : "No active or paused batches right now."}>
              New batches appear here as soon as they start.{" "}
              <Link href="/batches" className="text-indigo-700 underline">
                All batches
              </Link>
            </EmptyState>
          ) : (
            <OverviewTable rows={data.batches} />
          )}
        </UpstreamClockProvider>
      ) : null}
    </div>
  );
}

function Totals({ totals }: { totals: OverviewTotals }) {
  const { today } = totals;
  const now: Array<[string, number]> = [
    ["Batches", totals.batches],
    ["Requests", totals.requests],
    ["Pending", totals.pending],
  ];
  const sinceMidnight: Array<[string, number]> = [
    ["Dialed", today.dialed],
    ["Connected", today.connected],
    ["Voicemail", today.voicemail],
    ["Completed", today.completed],
    ["Failed", today.failed],
  ];
  const tile = (prefix: string) =>
    function Tile([label, value]: [string, number]) {
      return (
        <div key={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-lg font-semibold" data-testid={`${prefix}-${label.toLowerCase()}`}>
            {n(value)}
          </dd>
        </div>
      );
    };
  return (
    <div className="grid gap-3 lg:grid-cols-[3fr_5fr]">
      <section aria-labelledby="totals-now">
        <h2 id="totals-now" className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">
          Now, across the batches shown
        </h2>
        <dl className="grid grid-cols-3 gap-3">{now.map(tile("total"))}</dl>
      </section>
      <section aria-labelledby="totals-today">
        <h2 id="totals-today" className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">
          Today, since 00:00 UTC
          {today.partial && (
            <span
              className="ml-1 normal-case tracking-normal"
              title="Some batches were first seen by the console after midnight: their share counts from then."
            >
              (partly: some batches counted from when the console first saw them)
            </span>
          )}
        </h2>
        <dl className="grid grid-cols-3 gap-3 sm:grid-cols-5">{sinceMidnight.map(tile("today"))}</dl>
      </section>
    </div>
  );
}

function pace(r: OverviewRow): string {
  const target = r.target_rate === null ? "?" : `${n(Math.round(r.target_rate))}/h`;
  const observed =
    r.finished + r.in_flight === 0 ? "none dialed yet" : r.observed_rate === null ? "not enough history" : `${n(Math.round(r.observed_rate))}/h observed`;
  return `${target} target · ${observed}`;
}

function OverviewTable({ rows }: { rows: OverviewRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Active and paused batches">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Batch
            </th>
            <th scope="col" className="px-3 py-2">
              Needs attention
            </th>
            <th scope="col" className="px-3 py-2">
              Progress
            </th>
            <th scope="col" className="px-3 py-2">
              Pace
            </th>
            <th scope="col" className="px-3 py-2">
              Last dial (ETA)
            </th>
            <th scope="col" className="px-3 py-2">
              Recent progress
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.batch_id} className="border-b border-slate-100 align-top last:border-0" data-testid="overview-row">
              <td className="px-3 py-2">
                <Link href={`/batches/${encodeURIComponent(r.batch_id)}`} className="font-medium text-indigo-700 hover:underline">
                  <UpstreamText value={r.batch_id} compact />
                </Link>
                <span className="block text-xs text-slate-500">
                  <UpstreamText value={r.campaign_name ?? `Campaign ${r.campaign_id}`} compact />
                </span>
              </td>
              <td className="px-3 py-2">
                {r.attention.length === 0 ? (
                  <span className="text-xs text-slate-500">All well</span>
                ) : (
                  <span className="flex flex-wrap gap-1">
                    {r.attention.map((a) => (
                      <Badge key={a} tone={REASONS[a].tone}>
                        {REASONS[a].label}
                      </Badge>
                    ))}
                  </span>
                )}
                {r.not_dialing && !r.paused ? <span className="mt-1 block max-w-xs text-xs text-slate-600">{notDialingMessage(r.not_dialing)}</span> : null}
              </td>
              <td className="w-44 px-3 py-2">
                <ProgressBar value={r.fraction} label={`Progress of ${r.batch_id}`} />
                <span className="text-xs text-slate-500" data-testid="overview-finished">
                  {n(r.finished)} / {n(r.total)} finished · {n(r.pending)} pending
                </span>
              </td>
              <td className="px-3 py-2 text-xs">{pace(r)}</td>
              <td className="px-3 py-2 text-xs">
                {r.eta ? (
                  <>
                    <RelativeTime iso={r.eta} clock="upstream" />
                    {r.eta_basis === "observed" && <span className="block text-slate-500">at the observed pace</span>}
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-2">
                <Sparkline points={r.sparkline} label={`Finished requests of ${r.batch_id} over the recent snapshots`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

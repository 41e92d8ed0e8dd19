"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useNow } from "@/components/ui/time";
import { notDialingMessage } from "@/components/batches/not-dialing-message";
import type { AttentionReason, OverviewRow } from "@/lib/domain/overview";
import { liveOverviewQueryOptions } from "@/lib/queries/live";
import { useLiveOverviewEvents } from "@/lib/queries/live-events";
import { alertCounts } from "./alert-strip";

/** Tiles that fit a 1920×1080 screen without scrolling (5 columns, 8 rows); the most urgent first. */
export const WALL_TILES = 40;
/** Older than this, the wall says so loudly: figures a room trusts must be current. */
export const WALL_STALE_MS = 30_000;
const NO_FILTERS: Record<string, string> = {};

const n = (v: number) => v.toLocaleString("en-US");
const REASON: Record<AttentionReason, { label: string; className: string }> = {
  stale: { label: "Not up to date", className: "border-amber-400 text-amber-200" },
  failing: { label: "Failing", className: "border-red-500 text-red-200" },
  not_dialing: { label: "Not dialing", className: "border-amber-400 text-amber-200" },
  will_not_finish: { label: "Won't finish", className: "border-red-500 text-red-200" },
  held_by_calling_hours: { label: "Calling hours", className: "border-slate-400 text-slate-200" },
  held_by_schedule: { label: "Scheduled", className: "border-slate-400 text-slate-200" },
  paused: { label: "On hold", className: "border-slate-400 text-slate-200" },
};
const clock = (t: number) => new Date(t).toISOString().slice(11, 19);

/**
 * The overview for a screen on the wall: full-screen, large type, high contrast, pushed updates,
 * a visible "last update" clock, and a loud banner when nothing has arrived for 30 s (or when
 * Syllable's figures are old). No scrolling: the 40 most urgent batches, and how many more.
 */
export function WallView() {
  const [lastMessage, setLastMessage] = useState(0);
  const { connected } = useLiveOverviewEvents(NO_FILTERS, { onMessage: () => setLastMessage(Date.now()) });
  const query = useQuery(liveOverviewQueryOptions(NO_FILTERS, { pushed: connected }));
  const now = useNow(1_000);
  const data = query.data;
  const lastUpdate = Math.max(lastMessage, query.dataUpdatedAt);
  const age = lastUpdate ? now - lastUpdate : 0;
  const stale = (data?.batches ?? []).filter((r) => r.stale_since);
  const rows = data?.batches ?? [];
  const shown = rows.slice(0, WALL_TILES);
  return (
    <main className="flex h-screen flex-col gap-3 overflow-hidden bg-slate-950 p-5 text-white" data-testid="wall">
      <header className="flex items-center justify-between gap-6">
        <h1 className="text-3xl font-bold">Outbound — live</h1>
        <p className="text-2xl tabular-nums" data-testid="wall-clock">
          Last update <time dateTime={lastUpdate ? new Date(lastUpdate).toISOString() : undefined}>{lastUpdate ? clock(lastUpdate) : "—"}</time> UTC
          <span className="ml-3 text-lg text-slate-300">{connected ? "live" : "reconnecting…"}</span>
        </p>
        <Link href="/" className="rounded border border-slate-500 px-3 py-1 text-lg text-slate-100 underline-offset-4 hover:underline">
          Leave the wall
        </Link>
      </header>
      {age > WALL_STALE_MS ? (
        <p role="alert" data-testid="wall-banner" className="rounded-md bg-red-700 px-4 py-3 text-3xl font-bold text-white">
          No update for {Math.round(age / 1000)} s: these figures may be out of date.
        </p>
      ) : stale.length ? (
        <p role="alert" data-testid="wall-banner" className="rounded-md bg-amber-600 px-4 py-3 text-2xl font-bold text-slate-950">
          Syllable is not answering for {stale.length} {stale.length === 1 ? "batch" : "batches"}: their figures are from{" "}
          {clock(Date.parse(stale[0]!.stale_since!))} UTC.
        </p>
      ) : null}
      {query.isError && !data ? <p className="text-2xl text-red-300">The overview could not be loaded: {query.error.message}</p> : null}
      {data ? (
        <>
          <dl className="grid grid-cols-6 gap-3">
            {(
              [
                ["Batches", data.totals.batches],
                ["Pending", data.totals.pending],
                ["Dialed today", data.totals.today.dialed],
                ["Connected today", data.totals.today.connected],
                ["Voicemail today", data.totals.today.voicemail],
                ["Failed today", data.totals.today.failed],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md bg-slate-900 px-3 py-1">
                <dt className="text-base text-slate-300">{label}</dt>
                <dd className="text-3xl font-semibold tabular-nums">{n(value)}</dd>
              </div>
            ))}
          </dl>
          <p className="flex flex-wrap gap-3 text-xl" aria-label="Open alerts">
            {alertCounts(data.alerts).map((c) => (
              <span key={c.kind} className={c.open ? "rounded bg-red-900 px-2 text-red-100" : "rounded bg-slate-800 px-2 text-slate-200"}>
                {c.open ? `${c.open} ${c.title}` : `${c.acked} ${c.title}, acknowledged`}
              </span>
            ))}
            {data.alerts.length === 0 ? <span className="text-slate-300">No open alerts</span> : null}
          </p>
          {rows.length === 0 ? (
            <p className="text-3xl text-slate-200">No active or paused batches right now.</p>
          ) : (
            <ul className="grid min-h-0 flex-1 grid-cols-5 grid-rows-8 gap-2" aria-label="Active and paused batches">
              {shown.map((r) => (
                <WallTile key={r.batch_id} row={r} />
              ))}
            </ul>
          )}
          {rows.length > shown.length ? (
            <p className="text-xl text-slate-200">…and {rows.length - shown.length} more batches (the overview lists them all).</p>
          ) : null}
        </>
      ) : null}
    </main>
  );
}

function WallTile({ row: r }: { row: OverviewRow }) {
  const reason = r.attention[0];
  const pct = Math.round(r.fraction * 1000) / 10;
  return (
    <li
      className={`flex min-h-0 flex-col justify-between overflow-hidden rounded-md border-l-8 bg-slate-900 px-3 py-1 ${reason ? REASON[reason].className : "border-emerald-500"}`}
      data-testid="wall-tile"
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate text-lg font-semibold text-white" title={r.batch_id}>
          {r.batch_id}
        </span>
        <span className="shrink-0 text-base font-semibold">{reason ? REASON[reason].label : "Dialing"}</span>
      </div>
      <div
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-700"
        role="progressbar"
        aria-label={`Progress of ${r.batch_id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="h-full bg-sky-400" style={{ width: `${pct}%` }} />
      </div>
      <p className="truncate text-base tabular-nums text-slate-200" title={r.not_dialing && !r.paused ? notDialingMessage(r.not_dialing) : undefined}>
        {n(r.finished)} / {n(r.total)} · {pct}%{r.observed_rate !== null ? ` · ${n(Math.round(r.observed_rate))}/h` : ""}
      </p>
    </li>
  );
}

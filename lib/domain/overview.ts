// The operations overview, from the live engine's batch states: one row per active or paused
// batch with what a supervisor scans for, sorted so the ones needing attention come first, and
// totals across them. Pure: the engine's states in, rows out.
import type { BatchDetailResponse, NotDialing } from "@/lib/schemas/batches";

export type AttentionReason = "stale" | "not_dialing" | "will_not_finish" | "failing" | "paused";

export type OverviewRow = {
  batch_id: string;
  campaign_id: number;
  campaign_name: string | null;
  status: string | null;
  paused: boolean;
  total: number;
  finished: number;
  fraction: number;
  pending: number;
  in_flight: number;
  /** The pace it is meant to dial at (per hour) and where that comes from. */
  target_rate: number | null;
  rate_source: string | null;
  /** The pace it really dials at, from the snapshots (null without enough history). */
  observed_rate: number | null;
  eta: string | null;
  not_dialing: NotDialing | null;
  unreached_before_expiry: number | null;
  failed: number;
  stale_since: string | null;
  /** Finished counts over the recent snapshots, oldest first (the sparkline). */
  sparkline: number[];
  /** Why it needs attention, most urgent first (empty: all is well). */
  attention: AttentionReason[];
};

export type OverviewTotals = { batches: number; requests: number; dialed: number; connected: number; voicemail: number; completed: number; failed: number; pending: number };

const SPARK_POINTS = 30;
/** A share of failed requests among those finished above which a batch is called failing. */
const FAILING_SHARE = 0.5;
const FAILING_MIN = 20;

const ORDER: AttentionReason[] = ["stale", "failing", "not_dialing", "will_not_finish", "paused"];

function attentionOf(b: BatchDetailResponse, failed: number): AttentionReason[] {
  const out: AttentionReason[] = [];
  const p = b.progress;
  if (b.live?.stale_since) out.push("stale");
  if (p.finished >= FAILING_MIN && failed / p.finished > FAILING_SHARE) out.push("failing");
  if (!b.paused && p.pending > 0 && p.not_dialing) out.push("not_dialing");
  if ((p.unreached_before_expiry ?? 0) > 0) out.push("will_not_finish");
  if (b.paused && p.pending > 0) out.push("paused");
  return out.sort((a, c) => ORDER.indexOf(a) - ORDER.indexOf(c));
}

/** One overview row from a batch state. */
export function overviewRow(b: BatchDetailResponse): OverviewRow {
  const p = b.progress;
  const failed = b.status_counts?.FAILED ?? 0;
  return {
    batch_id: b.batch_id,
    campaign_id: b.campaign_id,
    campaign_name: b.campaign?.campaign_name ?? null,
    status: b.status ?? null,
    paused: !!b.paused,
    total: p.total,
    finished: p.finished,
    fraction: p.fraction,
    pending: p.pending,
    in_flight: p.in_flight,
    target_rate: p.effective_rate,
    rate_source: p.rate_source,
    observed_rate: p.observed_rate,
    eta: p.eta,
    not_dialing: p.not_dialing,
    unreached_before_expiry: p.unreached_before_expiry,
    failed,
    stale_since: b.live?.stale_since ?? null,
    sparkline: (b.history ?? []).slice(-SPARK_POINTS).map((s) => s.finished),
    attention: attentionOf(b, failed),
  };
}

/** Most urgent first (by its most urgent reason, then how many), then by batch id. */
export function sortByAttention(rows: OverviewRow[]): OverviewRow[] {
  const rank = (r: OverviewRow) => (r.attention.length ? ORDER.indexOf(r.attention[0]!) : ORDER.length);
  return [...rows].sort((a, b) => rank(a) - rank(b) || b.attention.length - a.attention.length || a.batch_id.localeCompare(b.batch_id));
}

function outcomes(b: BatchDetailResponse, keys: string[]): number {
  let n = 0;
  for (const breakdown of Object.values(b.detailed_status_counts ?? {})) for (const k of keys) n += breakdown?.counts?.[k] ?? 0;
  return n;
}

/** Totals across the batches shown: what they hold now (not only today). */
export function overviewTotals(states: BatchDetailResponse[]): OverviewTotals {
  const t: OverviewTotals = { batches: states.length, requests: 0, dialed: 0, connected: 0, voicemail: 0, completed: 0, failed: 0, pending: 0 };
  for (const b of states) {
    t.requests += b.progress.total;
    t.pending += b.progress.pending;
    t.dialed += b.progress.total - b.progress.pending;
    t.completed += b.status_counts?.COMPLETED ?? 0;
    t.failed += b.status_counts?.FAILED ?? 0;
    t.connected += outcomes(b, ["HUMAN", "DELIVERED", "OPENED", "CLICKED"]);
    t.voicemail += outcomes(b, ["MACHINE"]);
  }
  return t;
}

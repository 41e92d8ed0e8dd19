// The operations overview, from the live engine's batch states: one row per active or paused
// batch with what a supervisor scans for, sorted so the ones needing attention come first, and
// totals across them. Pure: the engine's states in, rows out.
import type { BatchDetailResponse, NotDialing } from "@/lib/schemas/batches";
import { countProgress } from "./progress";

export type AttentionReason = "stale" | "not_dialing" | "will_not_finish" | "failing" | "held_by_calling_hours" | "held_by_schedule" | "paused";

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
  eta_basis: "observed" | "configured" | null;
  not_dialing: NotDialing | null;
  unreached_before_expiry: number | null;
  failed: number;
  stale_since: string | null;
  /** Finished counts over the recent snapshots, oldest first (the sparkline). */
  sparkline: number[];
  /** Why it needs attention, most urgent first (empty: all is well). */
  attention: AttentionReason[];
};

/** What the overview adds up per batch. */
export type TallyCounts = { dialed: number; connected: number; voicemail: number; completed: number; failed: number };

/** Since `since` (the day's start, UTC); `partial`: some batch has no counts from before it, so its share starts at its first snapshot today. */
export type TodayTotals = TallyCounts & { since: string; partial: boolean };

export type OverviewTotals = TallyCounts & { batches: number; requests: number; pending: number; today: TodayTotals };

const SPARK_POINTS = 30;
/** A share of failed requests among those finished above which a batch is called failing. */
const FAILING_SHARE = 0.5;
const FAILING_MIN = 20;

const ORDER: AttentionReason[] = ["stale", "failing", "not_dialing", "will_not_finish", "held_by_calling_hours", "held_by_schedule", "paused"];

function attentionOf(b: BatchDetailResponse, failed: number): AttentionReason[] {
  const out: AttentionReason[] = [];
  const p = b.progress;
  if (b.live?.stale_since) out.push("stale");
  if (p.finished >= FAILING_MIN && failed / p.finished > FAILING_SHARE) out.push("failing");
  if (!b.paused && p.pending > 0 && p.not_dialing) out.push("not_dialing");
  if ((p.unreached_before_expiry ?? 0) > 0) out.push("will_not_finish");
  // Held by the console's scheduler is told apart from a person's hold.
  if (b.paused && p.pending > 0) out.push(b.schedule_hold ? (b.schedule_hold.by === "calling_hours" ? "held_by_calling_hours" : "held_by_schedule") : "paused");
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
    eta_basis: p.eta_basis,
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

/** Outcome keys of a connected contact (a person answered, a message was delivered or opened). */
const CONNECTED = ["HUMAN", "DELIVERED", "OPENED", "CLICKED"];
const VOICEMAIL = ["MACHINE"];

/** Channel outcomes summed over the request statuses (what a snapshot keeps of detailed_status_counts). */
export function channelOutcomes(detailed: BatchDetailResponse["detailed_status_counts"]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const breakdown of Object.values(detailed ?? {})) {
    for (const [k, n] of Object.entries(breakdown?.counts ?? {})) out[k] = (out[k] ?? 0) + (n ?? 0);
  }
  return out;
}

/** The tally of one batch's counts (now, or as of a snapshot). */
export function tally(statusCounts: Record<string, number>, outcomes: Record<string, number>): TallyCounts {
  const { total, pending } = countProgress(statusCounts);
  const sum = (keys: string[]) => keys.reduce((n, k) => n + (outcomes[k] ?? 0), 0);
  return {
    dialed: total - pending,
    connected: sum(CONNECTED),
    voicemail: sum(VOICEMAIL),
    completed: statusCounts.COMPLETED ?? 0,
    failed: statusCounts.FAILED ?? 0,
  };
}

const ZERO: TallyCounts = { dialed: 0, connected: 0, voicemail: 0, completed: 0, failed: 0 };

/**
 * Totals across the batches shown: what they hold now, and what happened today (now minus each
 * batch's counts as of `today.since`; `baselines` has them, null for a batch with no snapshot at
 * all, which then counts from zero if it was created today).
 */
export function overviewTotals(
  states: BatchDetailResponse[],
  today: { since: string; baselines: Map<string, { at: string; tally: TallyCounts } | null> } = { since: new Date(0).toISOString(), baselines: new Map() },
): OverviewTotals {
  const t: OverviewTotals = { batches: states.length, requests: 0, pending: 0, ...ZERO, today: { ...ZERO, since: today.since, partial: false } };
  for (const b of states) {
    const now = tally(b.status_counts ?? {}, channelOutcomes(b.detailed_status_counts));
    t.requests += b.progress.total;
    t.pending += b.progress.pending;
    const base = today.baselines.get(b.batch_id) ?? null;
    const createdToday = !!b.created_at && b.created_at >= today.since;
    // Without counts from before the day started, a batch created earlier counts from its first snapshot today.
    if (!createdToday && (!base || base.at >= today.since)) t.today.partial = true;
    const from = createdToday && (!base || base.at >= today.since) ? ZERO : (base?.tally ?? now);
    for (const k of Object.keys(ZERO) as Array<keyof TallyCounts>) {
      t[k] += now[k];
      t.today[k] += Math.max(0, now[k] - from[k]);
    }
  }
  return t;
}

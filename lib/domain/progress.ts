// Pure progress / ETA / "why isn't it dialing" logic for a batch. No I/O: every input, including
// "now" (the upstream's clock), is passed in, so it is unit-tested directly.
//
// Calling windows are interpreted in UTC, like the sandbox's engine does: Syllable exposes no
// timezone field for daily_start_time/daily_end_time. The UI says "times in UTC".
import type { BatchProgress, CampaignPacing, NotDialing, RowProgress, SnapshotPoint } from "@/lib/schemas/batches";
import type { BatchDetails } from "@/lib/schemas/syllable";
import { MAX_CALL_RATE } from "@/lib/domain/limits";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Dialed, outcome still open. Everything else except PENDING is final. */
export const IN_FLIGHT_STATUSES: ReadonlySet<string> = new Set(["INITIATED", "QUEUEING", "QUEUED"]);

/** total / finished / pending / in-flight from `status_counts` (unknown statuses count as finished). */
export function countProgress(statusCounts: Record<string, number> | null | undefined) {
  let total = 0;
  let pending = 0;
  let inFlight = 0;
  for (const [status, n] of Object.entries(statusCounts ?? {})) {
    total += n;
    if (status === "PENDING") pending += n;
    else if (IN_FLIGHT_STATUSES.has(status)) inFlight += n;
  }
  const finished = total - pending - inFlight;
  return { total, finished, pending, in_flight: inFlight, fraction: total > 0 ? finished / total : 0 };
}

/** The short progress of a list row. */
export function rowProgress(statusCounts: Record<string, number> | null | undefined): RowProgress {
  const { total, finished, fraction } = countProgress(statusCounts);
  return { total, finished, fraction };
}

function secondsOfDay(hms: string | null | undefined, fallback: number): number {
  if (!hms) return fallback;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(hms);
  if (!m) return fallback;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

function dayKey(t: number): (typeof DAY_KEYS)[number] {
  return DAY_KEYS[(new Date(t).getUTCDay() + 6) % 7]!;
}

function utcMidnight(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

type Window = Pick<CampaignPacing, "daily_start_time" | "daily_end_time" | "active_days">;

/**
 * The dialing intervals [start, end) of the UTC day starting at `dayStart`. The end time is
 * inclusive to the second (as upstream); start after end is an overnight window, split in two
 * parts within each day, each part governed by that calendar day's active flag (as the sandbox).
 * `active_days` null/absent means every day.
 */
export function dayWindows(c: Window, dayStart: number): Array<[number, number]> {
  if (c.active_days && !c.active_days.map((d) => d.toLowerCase()).includes(dayKey(dayStart))) return [];
  const start = secondsOfDay(c.daily_start_time, 0);
  const end = Math.min(86_400, secondsOfDay(c.daily_end_time, 86_399) + 1);
  if (start < end) return [[dayStart + start * 1000, dayStart + end * 1000]];
  return [
    [dayStart, dayStart + end * 1000],
    [dayStart + start * 1000, dayStart + DAY],
  ].filter(([a, b]) => b! > a!) as Array<[number, number]>;
}

/** Whether the campaign may dial at time t (UTC). */
export function inWindow(c: Window, t: number): boolean {
  return dayWindows(c, utcMidnight(t)).some(([a, b]) => t >= a && t < b);
}

/** The next time at or after t when the window is open (t itself when open), within `horizonDays`. */
export function nextWindowStart(c: Window, t: number, horizonDays = 14): number | null {
  for (let d = 0; d <= horizonDays; d++) {
    for (const [a, b] of dayWindows(c, utcMidnight(t) + d * DAY)) {
      if (b > t) return Math.max(a, t);
    }
  }
  return null;
}

/** Released bands [from, to), in order, known up to `until` (after it, no restriction is known). */
export type ReleasedTime = { bands: Array<[number, number]>; until: number };

/** The parts of [a, b) the scheduler releases. */
function releasedParts(a: number, b: number, released: ReleasedTime | undefined): Array<[number, number]> {
  if (!released) return [[a, b]];
  const parts: Array<[number, number]> = [];
  for (const [x, y] of released.bands) if (Math.min(b, y) > Math.max(a, x)) parts.push([Math.max(a, x), Math.min(b, y)]);
  if (b > released.until) parts.push([Math.max(a, released.until), b]);
  return parts;
}

/**
 * Walks the calendar from `now` and dials `pending` requests at `rate` per hour inside the
 * window, at most `maxDaily` a UTC day, stopping at `expiresAt`. Returns when the last one is
 * dialed (null if not within the horizon or before expiry) and how many are left at expiry.
 * Limits: the campaign's daily cap is shared with its other batches and today's usage is
 * unknown, so the cap is applied to this batch alone (an optimistic ETA); retries are not modelled.
 */
export function simulateSchedule(opts: {
  pending: number;
  rate: number;
  maxDaily: number | null;
  window: Window;
  now: number;
  expiresAt: number | null;
  horizonDays?: number;
  /** When the console's scheduler lets the batch dial (its schedule and the recipients' calling hours); unrestricted after `until`. */
  released?: ReleasedTime;
}): { eta: number | null; unreached: number | null } {
  const { rate, maxDaily, window, now, expiresAt } = opts;
  let remaining = opts.pending;
  if (remaining <= 0) return { eta: now, unreached: 0 };
  if (rate <= 0) return { eta: null, unreached: expiresAt !== null ? remaining : null };
  const horizon = opts.horizonDays ?? 400;
  const first = utcMidnight(now);
  for (let d = 0; d <= horizon; d++) {
    const dayStart = first + d * DAY;
    if (expiresAt !== null && dayStart >= expiresAt) break;
    let capLeft = maxDaily ?? Infinity;
    for (const [a, b] of dayWindows(window, dayStart).flatMap(([a, b]) => releasedParts(a, b, opts.released))) {
      const from = Math.max(a, now);
      const to = expiresAt !== null ? Math.min(b, expiresAt) : b;
      if (to <= from || capLeft <= 0) continue;
      const canDial = Math.min((rate * (to - from)) / HOUR, capLeft);
      if (remaining <= canDial) return { eta: Math.round(from + (remaining / rate) * HOUR), unreached: 0 };
      remaining -= canDial;
      capLeft -= canDial;
    }
  }
  // Ran into the expiry: what is left will not be reached. Ran past the horizon: unknown.
  if (expiresAt !== null && expiresAt <= first + (horizon + 1) * DAY) return { eta: null, unreached: Math.ceil(remaining - 1e-9) };
  return { eta: null, unreached: null };
}

/** Milliseconds of calling window between `from` and `to`. */
export function windowMsBetween(window: Window, from: number, to: number): number {
  let total = 0;
  for (let day = utcMidnight(from); day < to; day += DAY) {
    for (const [a, b] of dayWindows(window, day)) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
  }
  return total;
}

/** Syllable keeps later auto-paced cycles within ±20% of the first (the baseline). */
const AUTO_BAND = 0.2;

/**
 * The pace Syllable's auto pacing will hold: what empties `pending` in the calling time left
 * before the expiry, kept within ±20% of the baseline once one exists, 1–3600 an hour.
 */
export function autoPacedRate(opts: { pending: number; window: Window; now: number; expiresAt: number; baseline: number | null | undefined }): number {
  const hours = windowMsBetween(opts.window, opts.now, opts.expiresAt) / HOUR;
  let rate = hours > 0 ? opts.pending / hours : MAX_CALL_RATE;
  if (opts.baseline) rate = Math.min(opts.baseline * (1 + AUTO_BAND), Math.max(opts.baseline * (1 - AUTO_BAND), rate));
  return Math.min(MAX_CALL_RATE, Math.max(1, rate));
}

/** Requests dialed per hour across snapshots of the last `windowMs` (null without ≥1 minute of history). */
export function observedRate(snapshots: SnapshotPoint[], now: number, windowMs = HOUR): number | null {
  const recent = snapshots.filter((s) => Date.parse(s.at) >= now - windowMs && Date.parse(s.at) <= now);
  if (recent.length < 2) return null;
  const a = recent[0]!;
  const b = recent[recent.length - 1]!;
  const span = Date.parse(b.at) - Date.parse(a.at);
  if (span < 60_000) return null;
  const dialed = (s: SnapshotPoint) => s.total - (s.statusCounts.PENDING ?? 0);
  return Math.max(0, ((dialed(b) - dialed(a)) / span) * HOUR);
}

/** How much history the ETA wants before it trusts the observed pace over the configured one. */
export const PACE_HISTORY_MS = HOUR;
/** …of which this much calling window (a pace measured over ten open minutes says little). */
const PACE_MIN_OPEN_MS = 15 * 60_000;

/**
 * Requests dialed per hour of calling window over the last hour of snapshots: the pace the batch
 * really keeps (daily caps, retries and shared lines included). Null with less than an hour of
 * history, too little open window in it, or nothing dialed (a stall is reported as such, not as
 * an ETA of "never").
 */
export function observedPace(snapshots: SnapshotPoint[], window: Window, now: number): number | null {
  const past = snapshots.filter((s) => Date.parse(s.at) <= now);
  const last = past[past.length - 1];
  // The latest snapshot at least an hour older than the last one: the start of the measured span.
  const first = last && [...past].reverse().find((s) => Date.parse(last.at) - Date.parse(s.at) >= PACE_HISTORY_MS);
  if (!last || !first) return null;
  const openMs = windowMsBetween(window, Date.parse(first.at), Date.parse(last.at));
  if (openMs < PACE_MIN_OPEN_MS) return null;
  const dialed = (s: SnapshotPoint) => s.total - (s.statusCounts.PENDING ?? 0);
  const pace = ((dialed(last) - dialed(first)) / openMs) * HOUR;
  return pace > 0 ? pace : null;
}

/** A stall is this many expected gaps between two dials without a request dialed. */
export const STALL_GAPS = 3;
/** Never less than this: a watched batch is read every 5 s, so a shorter quiet is a read or two, not a stall. */
export const STALL_FLOOR_MS = 15_000;
/** Without a known pace (no rate anywhere), the quiet that counts as a stall. */
export const STALL_FALLBACK_MS = 15 * 60_000;

/**
 * How long a batch may go without progress before it is "stalled": three expected gaps at its
 * pace (6 an hour: a dial every 10 minutes, so 30 minutes; 600 an hour: one every 6 s, so 18 s).
 */
export function stallThresholdMs(pace: number | null | undefined, fallbackMs = STALL_FALLBACK_MS): number {
  return pace && pace > 0 ? Math.max(STALL_FLOOR_MS, (STALL_GAPS * HOUR) / pace) : fallbackMs;
}

/**
 * What the pace is about: requests dialed (no longer PENDING). Calls still ringing and finishing
 * after the dialer stopped are not dialing; requests added or removed change PENDING and the
 * total alike, so they are not dialing either.
 */
const dialedKey = (s: { total: number; statusCounts: Record<string, number> }) => s.total - (s.statusCounts.PENDING ?? 0);

/**
 * Calling-window time since the batch last dialed a request, measured to `now`
 * (only open hours count: a night outside the window is not quiet). Null when the current
 * counts are not in the history yet. Unchanged since the history's first snapshot: measured
 * from it (at least that long).
 */
export function quietWindowMs(snapshots: SnapshotPoint[], current: Record<string, number>, window: Window, now: number): number | null {
  const key = dialedKey({ total: countProgress(current).total, statusCounts: current });
  let since: number | null = null;
  for (let i = snapshots.length - 1; i >= 0; i--) {
    const s = snapshots[i]!;
    if (Date.parse(s.at) > now) continue;
    if (dialedKey(s) !== key) break;
    since = Date.parse(s.at);
  }
  return since === null ? null : windowMsBetween(window, since, now);
}

/**
 * The stall rule: running (not on hold), requests left, inside the calling window, and quiet for
 * three expected gaps at its pace (the observed pace when known, else the configured one).
 * Returns the quiet minutes when stalled, else null.
 */
export function stalledFor(opts: {
  snapshots: SnapshotPoint[];
  statusCounts: Record<string, number>;
  window: Window;
  pace: number | null;
  paused: boolean;
  now: number;
  /** The quiet that counts as a stall when no pace is known (ALERT_STALL_MINUTES). */
  fallbackMs?: number;
}): number | null {
  if (opts.paused || countProgress(opts.statusCounts).pending === 0 || !inWindow(opts.window, opts.now)) return null;
  const quiet = quietWindowMs(opts.snapshots, opts.statusCounts, opts.window, opts.now);
  return quiet !== null && quiet >= stallThresholdMs(opts.pace, opts.fallbackMs) ? quiet / 60_000 : null;
}

/** The highest pace auto pacing may reach: 20% over its baseline once it has one, else the API's maximum. */
export function maxAutoRate(baseline: number | null | undefined): number {
  return Math.min(MAX_CALL_RATE, baseline ? baseline * (1 + AUTO_BAND) : MAX_CALL_RATE);
}

/** Everything the detail page shows about progress, from the batch, its campaign, "now" and the snapshot history. */
export function deriveProgress(input: {
  batch: Pick<BatchDetails, "status" | "paused" | "expires_on" | "call_rate" | "status_counts" | "error_message" | "deleted_at"> &
    Partial<Pick<BatchDetails, "auto_call_rate" | "auto_call_rate_baseline">>;
  campaign: CampaignPacing | null;
  now: Date;
  snapshots: SnapshotPoint[];
  /** A stall without a known pace (ALERT_STALL_MINUTES); 15 minutes by default. */
  stallFallbackMs?: number;
  /** When the console's scheduler releases the batch: the ETA counts only those hours. */
  released?: ReleasedTime;
  /** On hold by the scheduler (not a person): it resumes by itself, so an ETA is given. */
  heldBySchedule?: boolean;
}): BatchProgress {
  const { batch, campaign, snapshots } = input;
  const now = input.now.getTime();
  const counts = countProgress(batch.status_counts);
  const expiresAt = batch.expires_on ? Date.parse(batch.expires_on) : null;
  const window: Window = campaign ?? { daily_start_time: null, daily_end_time: null, active_days: null };
  // Auto pacing overrides both rates (Syllable derives it from what is left before the expiry).
  const auto = !!batch.auto_call_rate && expiresAt !== null && campaign !== null;
  const rateSource = auto ? "auto" : batch.call_rate ? "batch" : campaign?.hourly_rate ? "campaign" : null;
  const rate = auto
    ? autoPacedRate({ pending: counts.pending, window, now, expiresAt: expiresAt, baseline: batch.auto_call_rate_baseline })
    : (batch.call_rate ?? campaign?.hourly_rate ?? null);
  const open = campaign ? inWindow(window, now) : false;
  const nextOpen = campaign && !open ? nextWindowStart(window, now) : null;

  const status = (batch.status ?? "").toUpperCase();
  const expired = status === "EXPIRED" || (expiresAt !== null && expiresAt <= now);
  const stopped = status === "FAILED" || status === "CANCELED" || !!batch.deleted_at || expired;

  // After an hour of history the pace it really keeps predicts better than the one configured
  // (not on hold: a paused batch keeps no pace, and resuming it dials at the configured one).
  const pace = campaign && !batch.paused ? observedPace(snapshots, window, now) : null;
  let etaBasis: BatchProgress["eta_basis"] = null;
  let eta: number | null = null;
  let dialingLeftMs: number | null = null;
  let unreached: number | null = null;
  if (counts.pending === 0) {
    eta = null;
    unreached = 0;
  } else if (stopped) {
    unreached = counts.pending;
  } else if (campaign && (pace || rate)) {
    // Held by a person, what is left is dialing time once resumed: the scheduler's hours wait like nights.
    const released = batch.paused && !input.heldBySchedule ? undefined : input.released;
    const sim = simulateSchedule({ pending: counts.pending, rate: (pace ?? rate)!, maxDaily: campaign.max_daily_calls, window, now, expiresAt, released });
    etaBasis = pace ? "observed" : "configured";
    // On hold by a person nothing is dialed until they resume, so there is no "last dial" time;
    // say how much dialing is left once resumed: hours inside the calling window only (nights
    // and closed days are waiting). Held by the scheduler, it resumes by itself: an ETA.
    if (batch.paused && !input.heldBySchedule) dialingLeftMs = sim.eta !== null ? windowMsBetween(window, now, sim.eta) : null;
    else eta = sim.eta;
    unreached = sim.unreached;
    // Auto pacing raises the rate to finish by the expiry: it misses only when even its highest
    // rate cannot (the estimate above sits right at the edge and would flap between 0 and 1).
    if (auto && (unreached ?? 0) > 0) {
      const atMax = simulateSchedule({
        pending: counts.pending,
        rate: maxAutoRate(batch.auto_call_rate_baseline),
        maxDaily: campaign.max_daily_calls,
        window,
        now,
        expiresAt,
        released,
      });
      unreached = atMax.unreached;
    }
  }

  const nextWindow = nextOpen !== null ? new Date(nextOpen).toISOString() : null;
  let notDialing: NotDialing | null = null;
  if (status === "FAILED") notDialing = { code: "failed", error_message: batch.error_message ?? null };
  else if (status === "CANCELED" || batch.deleted_at) notDialing = { code: "canceled" };
  else if (expired) notDialing = { code: "expired", expired_at: expiresAt !== null ? new Date(expiresAt).toISOString() : null };
  else if (batch.paused) notDialing = { code: "on_hold" };
  else if (counts.total === 0) notDialing = { code: "empty" };
  else if (counts.pending === 0) notDialing = { code: "nothing_pending", in_flight: counts.in_flight };
  else if (!campaign) notDialing = { code: "no_campaign" };
  else if (!open) {
    const today = dayKey(now);
    const inactiveToday = campaign.active_days ? !campaign.active_days.map((d) => d.toLowerCase()).includes(today) : false;
    notDialing = inactiveToday
      ? { code: "inactive_day", day: today, next_window_start: nextWindow }
      : {
          code: "outside_window",
          window_start: campaign.daily_start_time ?? "00:00:00",
          window_end: campaign.daily_end_time ?? "23:59:59",
          next_window_start: nextWindow,
        };
  } else {
    const stalled = stalledFor({
      snapshots,
      statusCounts: batch.status_counts ?? {},
      window,
      pace: pace ?? rate,
      paused: !!batch.paused,
      now,
      fallbackMs: input.stallFallbackMs,
    });
    if (stalled !== null) notDialing = { code: "stalled", minutes: Math.round(stalled), max_daily_calls: campaign.max_daily_calls };
  }

  return {
    computed_at: new Date(now).toISOString(),
    ...counts,
    effective_rate: rate,
    rate_source: rateSource,
    observed_rate: observedRate(snapshots, now),
    eta: eta !== null ? new Date(eta).toISOString() : null,
    eta_basis: etaBasis,
    ...(input.released && etaBasis ? { eta_scheduled: true } : {}),
    dialing_left_ms: dialingLeftMs,
    unreached_before_expiry: unreached,
    in_window: open,
    next_window_start: nextWindow,
    not_dialing: notDialing,
  };
}

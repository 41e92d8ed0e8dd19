// Alert rules, evaluated on each new state of a batch the live engine reads. Pure: a batch state
// (with its snapshot history) and the thresholds in, the alerts that hold now out.
import type { BatchDetailResponse, SnapshotPoint } from "@/lib/schemas/batches";

export type AlertKind = "stalled" | "failure_spike" | "will_not_finish" | "finished";
export const ALERT_KINDS: AlertKind[] = ["stalled", "failure_spike", "will_not_finish", "finished"];
/** What the console calls each kind, wherever an alert is shown (pages, browser notifications). */
export const ALERT_TITLES: Record<AlertKind, string> = { stalled: "Stalled", failure_spike: "Failure spike", will_not_finish: "Won't finish before expiry", finished: "Finished" };

export type AlertThresholds = {
  /** Active, inside the calling window, with requests left, and no progress for this long. */
  stallMinutes: number;
  /** Failed share of what finished in the last 15 minutes above this (with at least FAILURE_MIN_ATTEMPTS). */
  failureShare: number;
};
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const FAILURE_MIN_ATTEMPTS = 20;

export type FiringAlert = { kind: AlertKind; message: string };

const at = (s: SnapshotPoint) => Date.parse(s.at);

/** Progress is a request dialed or a request finished: a batch that dials again is not stalled while its calls are still ringing. */
const progressKey = (finished: number, dialed: number) => `${finished}/${dialed}`;
const keyOf = (s: SnapshotPoint) => progressKey(s.finished, s.total - (s.statusCounts.PENDING ?? 0));

/** Since when the progress has been what it is now (null: not known for long enough). */
function unchangedSince(history: SnapshotPoint[], now: string): number | null {
  let since: number | null = null;
  for (let i = history.length - 1; i >= 0; i--) {
    if (keyOf(history[i]!) !== now) return since;
    since = at(history[i]!);
  }
  return null; // unchanged since before the history starts: the stall began at least then, but we cannot say how long
}

/** The alerts that hold for `b` at upstream time `now`. */
export function firingAlerts(b: BatchDetailResponse, now: number, t: AlertThresholds): FiringAlert[] {
  const p = b.progress;
  const history = b.history ?? [];
  const out: FiringAlert[] = [];
  const running = String(b.status ?? "").toUpperCase() === "ACTIVE" && !b.paused;

  if (running && p.pending > 0 && p.in_window) {
    const current = progressKey(p.finished, p.total - p.pending);
    const since = unchangedSince(history, current) ?? (history.length && keyOf(history[0]!) === current ? at(history[0]!) : null);
    if (since !== null && now - since >= t.stallMinutes * 60_000) {
      out.push({ kind: "stalled", message: `No progress for ${Math.round((now - since) / 60_000)} minutes inside the calling window, with ${p.pending} requests left.` });
    }
  }

  const base = [...history].reverse().find((s) => at(s) <= now - FAILURE_WINDOW_MS) ?? history[0];
  if (base) {
    const attempts = p.finished - base.finished;
    const failed = (b.status_counts?.FAILED ?? 0) - (base.statusCounts.FAILED ?? 0);
    if (attempts >= FAILURE_MIN_ATTEMPTS && failed / attempts > t.failureShare) {
      out.push({ kind: "failure_spike", message: `${failed} of the last ${attempts} requests failed (${Math.round((failed / attempts) * 100)}%).` });
    }
  }

  if (!b.paused && (p.unreached_before_expiry ?? 0) > 0) {
    out.push({ kind: "will_not_finish", message: `At this pace ${p.unreached_before_expiry} requests will not be reached before the batch expires.` });
  }

  if (p.total > 0 && p.pending === 0 && p.in_flight === 0) {
    out.push({ kind: "finished", message: `Finished: ${p.finished} of ${p.total} requests.` });
  }
  return out;
}

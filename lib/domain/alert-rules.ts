// Alert rules, evaluated on each new state of a batch the live engine reads. Pure: a batch state
// (with its snapshot history) and the thresholds in, the alerts that hold now out.
import type { BatchDetailResponse, SnapshotPoint } from "@/lib/schemas/batches";

export type AlertKind = "stalled" | "unreachable" | "failure_spike" | "will_not_finish" | "finished";
export const ALERT_KINDS: AlertKind[] = ["stalled", "unreachable", "failure_spike", "will_not_finish", "finished"];
/** What the console calls each kind, wherever an alert is shown (pages, browser notifications). */
export const ALERT_TITLES: Record<AlertKind, string> = {
  stalled: "Stalled",
  unreachable: "Syllable unreachable",
  failure_spike: "Failure spike",
  will_not_finish: "Won't finish before expiry",
  finished: "Finished",
};

export type AlertThresholds = {
  /** Failed share of what finished in the last 15 minutes above this (with at least FAILURE_MIN_ATTEMPTS). */
  failureShare: number;
};
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const FAILURE_MIN_ATTEMPTS = 20;
/** An acknowledged alert whose figure moves by more than this share is raised again. */
export const MATERIAL_CHANGE = 0.2;

/** `figure`: the number the alert is about (requests that will not be reached), for "changed materially". */
export type FiringAlert = { kind: AlertKind; message: string; figure?: number };

const at = (s: SnapshotPoint) => Date.parse(s.at);

/** Whether a figure moved materially (more than 20%) from the one a person acknowledged. */
export function changedMaterially(acked: number | null | undefined, now: number | null | undefined): boolean {
  if (acked === null || acked === undefined || now === null || now === undefined) return false;
  if (acked === 0) return now !== 0;
  return Math.abs(now - acked) / Math.abs(acked) > MATERIAL_CHANGE;
}

/**
 * The alerts that hold while Syllable does not answer: only "unreachable". The other rules need
 * fresh figures (a batch we cannot read is not "stalled"); their alerts stay as they were.
 */
export function unreachableAlert(b: BatchDetailResponse): FiringAlert | null {
  if (!b.live?.stale_since) return null;
  return {
    kind: "unreachable",
    message: `Syllable has not answered since ${b.live.stale_since.slice(11, 16)} UTC${b.live.reason ? ` (${b.live.reason.replace(/\.$/, "")})` : ""}: the figures shown are from then.`,
  };
}

/** The alerts that hold for `b` at upstream time `now`. */
export function firingAlerts(b: BatchDetailResponse, now: number, t: AlertThresholds): FiringAlert[] {
  const unreachable = unreachableAlert(b);
  if (unreachable) return [unreachable];
  const p = b.progress;
  const history = b.history ?? [];
  const out: FiringAlert[] = [];
  // The stall rule lives with the progress (lib/domain/progress.ts: three expected gaps at the
  // batch's pace, calling-window time only), so the page and the alert never disagree.
  if (p.not_dialing?.code === "stalled") {
    out.push({ kind: "stalled", message: `Nothing dialed for ${p.not_dialing.minutes} minutes inside the calling window, with ${p.pending} requests left.` });
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
    const n = p.unreached_before_expiry!;
    const how = p.rate_source === "auto" ? "Even at auto pacing's highest rate" : "At this pace";
    out.push({ kind: "will_not_finish", message: `${how} ${n} requests will not be reached before the batch expires.`, figure: n });
  }

  if (p.total > 0 && p.pending === 0 && p.in_flight === 0) {
    out.push({ kind: "finished", message: `Finished: ${p.finished} of ${p.total} requests.` });
  }
  return out;
}

import { describe, expect, it } from "vitest";
import type { BatchDetailResponse, SnapshotPoint } from "@/lib/schemas/batches";
import { firingAlerts } from "./alert-rules";

const NOW = Date.parse("2026-11-23T12:00:00Z");
const T = { failureShare: 0.5 };
const snap = (minutesAgo: number, finished: number, failed = 0, inFlight = 0): SnapshotPoint => ({
  at: new Date(NOW - minutesAgo * 60_000).toISOString(),
  total: 100,
  finished,
  statusCounts: { COMPLETED: finished - failed, FAILED: failed, INITIATED: inFlight, PENDING: 100 - finished - inFlight },
});
function batch(over: {
  finished?: number;
  failed?: number;
  pending?: number;
  in_flight?: number;
  paused?: boolean;
  status?: string;
  in_window?: boolean;
  unreached?: number | null;
  history?: SnapshotPoint[];
}): BatchDetailResponse {
  const finished = over.finished ?? 10;
  const failed = over.failed ?? 0;
  return {
    batch_id: "b",
    status: over.status ?? "ACTIVE",
    paused: over.paused ?? false,
    status_counts: { COMPLETED: finished - failed, FAILED: failed },
    history: over.history ?? [],
    progress: {
      total: 100,
      finished,
      pending: over.pending ?? 100 - finished,
      in_flight: over.in_flight ?? 0,
      in_window: over.in_window ?? true,
      unreached_before_expiry: over.unreached ?? 0,
      not_dialing: null,
    },
  } as unknown as BatchDetailResponse;
}
const kinds = (b: BatchDetailResponse) => firingAlerts(b, NOW, T).map((a) => a.kind);

describe("alert rules", () => {
  it("stalled: exactly when the progress says so (one rule for the page and the alert), never while Syllable is unreachable", () => {
    const stalled = batch({ history: [snap(20, 10), snap(0, 10)] });
    stalled.progress.not_dialing = { code: "stalled", minutes: 20, max_daily_calls: null };
    expect(kinds(stalled)).toEqual(["stalled"]);
    expect(firingAlerts(stalled, NOW, T)[0]!.message).toBe("Nothing dialed for 20 minutes inside the calling window, with 90 requests left.");
    expect(kinds(batch({ history: [snap(20, 10), snap(0, 10)] }))).toEqual([]); // quiet, but not for three expected gaps
    stalled.live = { fetched_at: new Date(NOW).toISOString(), stale_since: new Date(NOW).toISOString(), reason: null, version: 1 };
    expect(kinds(stalled)).toEqual(["unreachable"]);
  });

  it("failure spike: more than half of at least 20 attempts in the last 15 minutes failed", () => {
    expect(kinds(batch({ finished: 40, failed: 16, history: [snap(20, 10, 0), snap(0, 40, 16)] }))).toEqual(["failure_spike"]);
    expect(kinds(batch({ finished: 40, failed: 15, history: [snap(20, 10, 0), snap(0, 40, 15)] }))).toEqual([]); // 15/30 is not above half
    expect(kinds(batch({ finished: 25, failed: 15, history: [snap(20, 10, 0), snap(0, 25, 15)] }))).toEqual([]); // 15 attempts only
  });

  it("won't finish before expiry, unless on hold; finished when nothing is left", () => {
    expect(kinds(batch({ unreached: 12 }))).toEqual(["will_not_finish"]);
    expect(kinds(batch({ unreached: 12, paused: true }))).toEqual([]);
    expect(kinds(batch({ finished: 100, pending: 0 }))).toEqual(["finished"]);
    expect(kinds(batch({ finished: 99, pending: 0, in_flight: 1 }))).toEqual([]);
  });
});

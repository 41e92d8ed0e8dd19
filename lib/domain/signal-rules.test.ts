// The rules behind what a supervisor sees (stall, ETA, won't finish, unreachable), table-driven:
// each row is a situation a person would recognise, with what the screen must say about it.
import { describe, expect, it } from "vitest";
import type { BatchDetailResponse, CampaignPacing, SnapshotPoint } from "@/lib/schemas/batches";
import { firingAlerts, changedMaterially } from "./alert-rules";
import { deriveProgress, stallThresholdMs } from "./progress";

const H = 3_600_000;
const M = 60_000;
// 2026-03-02 is a Monday.
const MON = Date.parse("2026-03-02T00:00:00Z");
const at = (day: number, hh: number, mm = 0, ss = 0) => MON + day * 24 * H + hh * H + mm * M + ss * 1000;
const campaign = (over: Partial<CampaignPacing> = {}): CampaignPacing => ({
  id: 1,
  campaign_name: "c",
  hourly_rate: 6,
  max_daily_calls: null,
  daily_start_time: "09:00:00",
  daily_end_time: "17:00:00",
  active_days: null,
  mode: "voice",
  ...over,
});
/** A snapshot of a 100-request batch with `done` requests finished (and nothing ringing). */
const snap = (t: number, done: number): SnapshotPoint => ({
  at: new Date(t).toISOString(),
  total: 100,
  finished: done,
  statusCounts: { COMPLETED: done, PENDING: 100 - done },
});
type B = Parameters<typeof deriveProgress>[0]["batch"];
const batch = (done: number, over: Partial<B> = {}): B => ({
  status: "ACTIVE",
  paused: false,
  expires_on: null,
  call_rate: null,
  status_counts: { COMPLETED: done, PENDING: 100 - done },
  error_message: null,
  deleted_at: null,
  ...over,
});

describe("stall: three expected gaps at the batch's pace, counting calling-window time only", () => {
  const cases: Array<{ name: string; c: CampaignPacing; b?: Partial<B>; lastProgress: number; now: number; stalled: boolean }> = [
    { name: "6 an hour, quiet 25 min (between two dials)", c: campaign(), lastProgress: at(0, 10), now: at(0, 10, 25), stalled: false },
    { name: "6 an hour, quiet 35 min (three gaps missed)", c: campaign(), lastProgress: at(0, 10), now: at(0, 10, 35), stalled: true },
    { name: "600 an hour, quiet 12 s (two gaps)", c: campaign({ hourly_rate: 600 }), lastProgress: at(0, 10), now: at(0, 10, 0, 12), stalled: false },
    { name: "600 an hour, quiet 18 s (three gaps)", c: campaign({ hourly_rate: 600 }), lastProgress: at(0, 10), now: at(0, 10, 0, 18), stalled: true },
    {
      name: "the batch's call_rate sets the pace, not the campaign's",
      c: campaign({ hourly_rate: 600 }),
      b: { call_rate: 6 },
      lastProgress: at(0, 10),
      now: at(0, 10, 20),
      stalled: false,
    },
    { name: "on hold is never stalled", c: campaign({ hourly_rate: 600 }), b: { paused: true }, lastProgress: at(0, 10), now: at(0, 12), stalled: false },
    { name: "outside the window is never stalled", c: campaign({ hourly_rate: 600 }), lastProgress: at(0, 16), now: at(0, 18), stalled: false },
    {
      name: "the night does not count: last dial 16:55, now 09:05 next day at 6 an hour",
      c: campaign(),
      lastProgress: at(0, 16, 55),
      now: at(1, 9, 5),
      stalled: false,
    },
    { name: "…but 40 open minutes do: last dial 16:55, now 09:35", c: campaign(), lastProgress: at(0, 16, 55), now: at(1, 9, 35), stalled: true },
    {
      name: "across UTC midnight in an overnight window (22:00-06:00), 20 open minutes at 6 an hour",
      c: campaign({ daily_start_time: "22:00:00", daily_end_time: "06:00:00" }),
      lastProgress: at(0, 23, 50),
      now: at(1, 0, 10),
      stalled: false,
    },
    {
      name: "across UTC midnight, 35 open minutes",
      c: campaign({ daily_start_time: "22:00:00", daily_end_time: "06:00:00" }),
      lastProgress: at(0, 23, 50),
      now: at(1, 0, 25),
      stalled: true,
    },
    {
      name: "auto pacing slow (40 left over 9h40 of window: about 4 an hour), quiet 40 min",
      c: campaign({ hourly_rate: 600 }),
      b: { auto_call_rate: true, expires_on: new Date(at(1, 12)).toISOString() },
      lastProgress: at(0, 9, 40),
      now: at(0, 10, 20),
      stalled: false,
    },
    {
      name: "auto pacing slow, quiet 50 min (more than three 14.5-minute gaps)",
      c: campaign({ hourly_rate: 600 }),
      b: { auto_call_rate: true, expires_on: new Date(at(1, 12)).toISOString() },
      lastProgress: at(0, 9, 30),
      now: at(0, 10, 20),
      stalled: true,
    },
  ];
  it.each(cases)("$name", ({ c, b, lastProgress, now, stalled }) => {
    const snapshots = [snap(lastProgress - 5 * M, 59), snap(lastProgress, 60)];
    const p = deriveProgress({ batch: batch(60, b), campaign: c, now: new Date(now), snapshots });
    expect(p.not_dialing?.code === "stalled").toBe(stalled);
  });

  it("the threshold follows the pace; no pace known: the configured fallback", () => {
    expect(stallThresholdMs(6)).toBe(30 * M);
    expect(stallThresholdMs(600)).toBe(18_000);
    expect(stallThresholdMs(36_000)).toBe(15_000); // never under the floor
    expect(stallThresholdMs(null, 20 * M)).toBe(20 * M);
  });

  it("calls finishing after the dialer stopped are not dialing: still flagged", () => {
    const ringing = (t: number, done: number): SnapshotPoint => ({
      at: new Date(t).toISOString(),
      total: 100,
      finished: done,
      statusCounts: { COMPLETED: done, INITIATED: 70 - done, PENDING: 30 },
    });
    const snapshots = [ringing(at(0, 10), 60), ringing(at(0, 10, 0, 10), 65), ringing(at(0, 10, 0, 20), 68)];
    const p = deriveProgress({
      batch: batch(68, { status_counts: { COMPLETED: 68, INITIATED: 2, PENDING: 30 } }),
      campaign: campaign({ hourly_rate: 600 }),
      now: new Date(at(0, 10, 0, 20)),
      snapshots,
    });
    expect(p.not_dialing?.code).toBe("stalled");
  });

  it("a batch that just moved is not quiet (its counts are not in the history yet)", () => {
    const p = deriveProgress({ batch: batch(61), campaign: campaign(), now: new Date(at(0, 12)), snapshots: [snap(at(0, 10), 60)] });
    expect(p.not_dialing).toBeNull();
  });
});

describe("ETA on hold: dialing hours inside the window, not waiting", () => {
  it.each([
    // 40 pending at 100 an hour = 24 minutes of dialing, wherever the clock stands.
    { name: "inside the window", now: at(0, 10) },
    { name: "15 minutes before closing (the rest tomorrow)", now: at(0, 16, 45) },
    { name: "at night", now: at(0, 22) },
  ])("$name", ({ now }) => {
    const p = deriveProgress({ batch: batch(60, { paused: true }), campaign: campaign({ hourly_rate: 100 }), now: new Date(now), snapshots: [] });
    expect(p.eta).toBeNull();
    expect(p.dialing_left_ms).toBe(24 * M);
  });
});

describe("won't finish before expiry", () => {
  const expiring = (over: Partial<B>) =>
    deriveProgress({
      batch: batch(60, { expires_on: new Date(at(0, 14)).toISOString(), ...over }),
      campaign: campaign({ hourly_rate: 6 }),
      now: new Date(at(0, 10)),
      snapshots: [],
    });
  it.each([
    { name: "fixed pace too slow: 40 left, 4 hours at 6 an hour", over: {}, unreached: 16 },
    { name: "auto pacing can raise the rate: fits", over: { auto_call_rate: true }, unreached: 0 },
    {
      name: "auto pacing at the edge of its band still fits (baseline 10, needs 10)",
      over: { auto_call_rate: true, auto_call_rate_baseline: 10 },
      unreached: 0,
    },
    { name: "auto pacing whose highest rate (baseline 5 + 20%) cannot finish", over: { auto_call_rate: true, auto_call_rate_baseline: 5 }, unreached: 16 },
  ])("$name", ({ over, unreached }) => {
    expect(expiring(over).unreached_before_expiry).toBe(unreached);
  });

  it("an acknowledgement holds until the figure moves by more than 20%", () => {
    expect(changedMaterially(100, 119)).toBe(false);
    expect(changedMaterially(100, 81)).toBe(false);
    expect(changedMaterially(100, 121)).toBe(true);
    expect(changedMaterially(100, 79)).toBe(true);
    expect(changedMaterially(null, 500)).toBe(false);
  });
});

describe("Syllable unreachable is its own alert, never 'stalled'", () => {
  it("a stale state raises only 'unreachable', whatever its old figures said", () => {
    const now = at(0, 11);
    const p = deriveProgress({ batch: batch(60), campaign: campaign({ hourly_rate: 600 }), now: new Date(now), snapshots: [snap(at(0, 10), 60)] });
    expect(p.not_dialing?.code).toBe("stalled"); // the figures alone would say so
    const state = {
      ...batch(60),
      batch_id: "b",
      progress: p,
      history: [snap(at(0, 10), 60)],
      upstream_now: new Date(now).toISOString(),
    } as unknown as BatchDetailResponse;
    expect(firingAlerts(state, now, { failureShare: 0.5 }).map((a) => a.kind)).toEqual(["stalled"]);
    const stale = {
      ...state,
      live: { fetched_at: new Date(at(0, 10)).toISOString(), stale_since: "2026-03-02T10:00:05.000Z", reason: "Syllable did not answer.", version: 3 },
    };
    const firing = firingAlerts(stale, now, { failureShare: 0.5 });
    expect(firing.map((a) => a.kind)).toEqual(["unreachable"]);
    expect(firing[0]!.message).toMatch(/^Syllable has not answered since 10:00 UTC \(Syllable did not answer\)/);
  });
});

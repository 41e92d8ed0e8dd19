import { describe, expect, it } from "vitest";
import type { CampaignPacing, SnapshotPoint } from "@/lib/schemas/batches";
import { countProgress, dayWindows, deriveProgress, inWindow, nextWindowStart, observedPace, observedRate, simulateSchedule } from "./progress";

const H = 3_600_000;
// 2026-03-02 is a Monday.
const MON = Date.parse("2026-03-02T00:00:00Z");
const at = (day: number, hh: number, mm = 0) => MON + day * 24 * H + hh * H + mm * 60_000;

const campaign = (over: Partial<CampaignPacing> = {}): CampaignPacing => ({
  id: 1,
  campaign_name: "c",
  hourly_rate: 100,
  max_daily_calls: null,
  daily_start_time: "09:00:00",
  daily_end_time: "17:00:00",
  active_days: ["mon", "tue", "wed", "thu", "fri"],
  mode: "voice",
  ...over,
});

describe("countProgress", () => {
  it("splits pending, in flight and finished; unknown statuses count as finished", () => {
    expect(countProgress({ PENDING: 5, INITIATED: 2, COMPLETED: 10, FAILED: 3, WEIRD_NEW: 1 })).toEqual({
      total: 21,
      finished: 14,
      pending: 5,
      in_flight: 2,
      fraction: 14 / 21,
    });
    expect(countProgress(null).fraction).toBe(0);
  });
});

describe("windows (UTC)", () => {
  it("daytime window, end inclusive to the second", () => {
    const c = campaign();
    expect(inWindow(c, at(0, 8, 59))).toBe(false);
    expect(inWindow(c, at(0, 9))).toBe(true);
    expect(inWindow(c, at(0, 17) + 999)).toBe(true);
    expect(inWindow(c, at(0, 17) + 1000)).toBe(false);
    expect(inWindow(c, at(5, 12))).toBe(false); // Saturday
  });

  it("overnight window splits within each day", () => {
    const c = campaign({ daily_start_time: "22:00:00", daily_end_time: "02:00:00", active_days: null });
    expect(dayWindows(c, MON)).toEqual([
      [MON, MON + 2 * H + 1000],
      [MON + 22 * H, MON + 24 * H],
    ]);
    expect(inWindow(c, at(0, 23))).toBe(true);
    expect(inWindow(c, at(0, 1))).toBe(true);
    expect(inWindow(c, at(0, 12))).toBe(false);
  });

  it("next window start skips the weekend", () => {
    expect(nextWindowStart(campaign(), at(4, 18))).toBe(at(7, 9)); // Fri 18:00 → Mon 09:00
    expect(nextWindowStart(campaign(), at(0, 10))).toBe(at(0, 10));
    expect(nextWindowStart(campaign({ active_days: [] }), at(0, 10))).toBeNull();
  });
});

describe("simulateSchedule", () => {
  const base = { rate: 100, maxDaily: null, window: campaign(), expiresAt: null };
  it("finishes inside today's window", () => {
    expect(simulateSchedule({ ...base, pending: 150, now: at(0, 9) })).toEqual({ eta: at(0, 10, 30), unreached: 0 });
  });
  it("carries over to the next active day", () => {
    // 8 h (+1 s: the end is inclusive) × 100 ≈ 800 a day; 1,000 from Mon 09:00 → ~200 more on Tue → ~Tue 11:00.
    const eta = simulateSchedule({ ...base, pending: 1000, now: at(0, 9) }).eta!;
    expect(Math.abs(eta - at(1, 11))).toBeLessThan(2000);
    // From Friday 16:00: 100 on Fri, then Monday.
    expect(Math.abs(simulateSchedule({ ...base, pending: 150, now: at(4, 16) }).eta! - at(7, 9, 30))).toBeLessThan(2000);
  });
  it("applies max_daily_calls per UTC day", () => {
    expect(simulateSchedule({ ...base, maxDaily: 300, pending: 700, now: at(0, 9) }).eta).toBe(at(2, 10));
  });
  it("counts what the expiry cuts off", () => {
    expect(simulateSchedule({ ...base, pending: 1000, now: at(0, 9), expiresAt: at(0, 13) })).toEqual({ eta: null, unreached: 600 });
  });
  it("counts only the hours the scheduler releases", () => {
    // Released Monday 09:00-10:00 and from Tuesday 12:00: 150 at 100/h → 100 on Monday, 50 on Tuesday by 12:30.
    const released = {
      bands: [
        [at(0, 9), at(0, 10)],
        [at(1, 12), at(3, 0)],
      ] as Array<[number, number]>,
      until: at(3, 0),
    };
    expect(simulateSchedule({ ...base, pending: 150, now: at(0, 9), released })).toEqual({ eta: at(1, 12, 30), unreached: 0 });
    // Past what the scheduler has worked out, the campaign's window alone decides.
    const shortKnown = { bands: [] as Array<[number, number]>, until: at(2, 0) };
    expect(simulateSchedule({ ...base, pending: 100, now: at(0, 9), released: shortKnown })).toEqual({ eta: at(2, 10), unreached: 0 });
  });
  it("unknown when it never fits the horizon", () => {
    expect(simulateSchedule({ ...base, window: campaign({ active_days: [] }), pending: 10, now: at(0, 9) })).toEqual({ eta: null, unreached: null });
  });
});

const snap = (t: number, total: number, pending: number): SnapshotPoint => ({
  at: new Date(t).toISOString(),
  total,
  finished: total - pending,
  statusCounts: { PENDING: pending, COMPLETED: total - pending },
});

describe("observedRate", () => {
  it("dialed per hour over the recent history", () => {
    expect(observedRate([snap(at(0, 10), 100, 100), snap(at(0, 10, 30), 100, 60)], at(0, 10, 30))).toBeCloseTo(80, 5);
  });
  it("null without a minute of history", () => {
    expect(observedRate([snap(at(0, 10), 100, 100)], at(0, 10))).toBeNull();
  });
});

describe("deriveProgress: not dialing because…", () => {
  type B = Parameters<typeof deriveProgress>[0]["batch"];
  const batch: B = {
    status: "ACTIVE",
    paused: false,
    expires_on: null,
    call_rate: null,
    status_counts: { PENDING: 50, COMPLETED: 50 },
    error_message: null,
    deleted_at: null,
  };
  const code = (over: Partial<B>, now = at(0, 10), c: CampaignPacing | null = campaign(), snaps: SnapshotPoint[] = []) =>
    deriveProgress({ batch: { ...batch, ...over }, campaign: c, now: new Date(now), snapshots: snaps }).not_dialing?.code ?? null;

  it("is null while dialing normally", () => expect(code({})).toBeNull());
  it("FAILED wins over everything", () => expect(code({ status: "FAILED", paused: true, error_message: "bad csv" })).toBe("failed"));
  it("expired by date even if status lags", () => expect(code({ expires_on: new Date(at(0, 9)).toISOString() })).toBe("expired"));
  it("on hold", () => expect(code({ paused: true })).toBe("on_hold"));
  it("empty batch", () => expect(code({ status_counts: {} })).toBe("empty"));
  it("nothing pending", () => expect(code({ status_counts: { COMPLETED: 5, INITIATED: 1 } })).toBe("nothing_pending"));
  it("inactive day", () => expect(code({}, at(5, 10))).toBe("inactive_day"));
  it("outside window", () => expect(code({}, at(0, 18))).toBe("outside_window"));
  it("no campaign", () => expect(code({}, at(0, 10), null)).toBe("no_campaign"));
  it("stalled inside the window", () =>
    expect(code({}, at(0, 10, 30), campaign({ max_daily_calls: 10 }), [snap(at(0, 10), 100, 50), snap(at(0, 10, 30), 100, 50)])).toBe("stalled"));

  it("rate from the batch overrides the campaign's; ETA and unreached before expiry", () => {
    const p = deriveProgress({
      batch: { ...batch, call_rate: 20, expires_on: new Date(at(0, 11)).toISOString() },
      campaign: campaign(),
      now: new Date(at(0, 10)),
      snapshots: [],
    });
    expect(p.effective_rate).toBe(20);
    expect(p.rate_source).toBe("batch");
    expect(p.eta).toBeNull();
    expect(p.unreached_before_expiry).toBe(30);
    expect(p.in_window).toBe(true);
    expect(p.fraction).toBe(0.5);
  });

  it("held by the scheduler: an ETA over its released hours (it resumes by itself); held by a person: dialing time left", () => {
    // 50 pending at 100/h; the scheduler releases it from 14:00 (recipients' hours).
    const released = { bands: [[at(0, 14), at(1, 0)]] as Array<[number, number]>, until: at(1, 0) };
    const input = { batch: { ...batch, paused: true }, campaign: campaign(), now: new Date(at(0, 10)), snapshots: [], released };
    expect(deriveProgress({ ...input, heldBySchedule: true }).eta).toBe(new Date(at(0, 14, 30)).toISOString());
    const byPerson = deriveProgress(input);
    expect(byPerson.eta).toBeNull();
    expect(byPerson.dialing_left_ms).toBe(30 * 60_000);
  });

  it("auto pacing overrides both rates: paced to empty the batch by the expiry, counting only window hours", () => {
    // 50 pending; from Monday 10:00 to Tuesday 12:00 the window (09:00–17:00) is open 7 h + 3 h.
    const p = deriveProgress({
      batch: { ...batch, call_rate: 5, auto_call_rate: true, expires_on: new Date(at(1, 12)).toISOString() },
      campaign: campaign(),
      now: new Date(at(0, 10)),
      snapshots: [],
    });
    expect(p.rate_source).toBe("auto");
    expect(p.effective_rate).toBeCloseTo(5, 1); // 50 over 10 valid hours
    expect(p.unreached_before_expiry).toBe(0);
    expect(p.eta).not.toBeNull();
    // The same batch at its fixed call rate of 5/h would also just fit; at 2/h it would not.
    const fixed = deriveProgress({
      batch: { ...batch, call_rate: 2, expires_on: new Date(at(1, 12)).toISOString() },
      campaign: campaign(),
      now: new Date(at(0, 10)),
      snapshots: [],
    });
    expect(fixed.unreached_before_expiry).toBe(30);
  });

  it("auto pacing stays within ±20% of its baseline, so a batch that grew too much still misses the expiry", () => {
    const p = deriveProgress({
      batch: { ...batch, status_counts: { PENDING: 500 }, auto_call_rate: true, auto_call_rate_baseline: 10, expires_on: new Date(at(1, 12)).toISOString() },
      campaign: campaign(),
      now: new Date(at(0, 10)),
      snapshots: [],
    });
    expect(p.effective_rate).toBe(12);
    expect(p.unreached_before_expiry).toBe(500 - 12 * 10);
  });

  it("auto pacing without an expiry (not possible upstream) falls back to the usual rates", () => {
    const p = deriveProgress({ batch: { ...batch, auto_call_rate: true }, campaign: campaign(), now: new Date(at(0, 10)), snapshots: [] });
    expect(p.rate_source).toBe("campaign");
  });

  it("on hold: no ETA (nothing is dialed), but the dialing time left once resumed", () => {
    const p = deriveProgress({ batch: { ...batch, paused: true }, campaign: campaign(), now: new Date(at(0, 10)), snapshots: [] });
    expect(p.eta).toBeNull();
    // 50 pending at the campaign's 100/hour inside the window: 30 minutes of dialing.
    expect(p.dialing_left_ms).toBe(30 * 60 * 1000);
  });

  it("outside the window gives the next opening and an ETA after it", () => {
    const p = deriveProgress({ batch, campaign: campaign(), now: new Date(at(0, 18)), snapshots: [] });
    expect(p.next_window_start).toBe(new Date(at(1, 9)).toISOString());
    expect(p.eta).toBe(new Date(at(1, 9, 30)).toISOString());
    expect(p.not_dialing).toEqual({
      code: "outside_window",
      window_start: "09:00:00",
      window_end: "17:00:00",
      next_window_start: new Date(at(1, 9)).toISOString(),
    });
  });
});

describe("ETA from the observed pace", () => {
  type B = Parameters<typeof deriveProgress>[0]["batch"];
  const batch: B = {
    status: "ACTIVE",
    paused: false,
    expires_on: null,
    call_rate: 100,
    status_counts: { PENDING: 600, COMPLETED: 400 },
    error_message: null,
    deleted_at: null,
  };
  const hourly = (from: number, to: number, step: number, dialedAt: (t: number) => number) => {
    const out: SnapshotPoint[] = [];
    for (let t = from; t <= to; t += step) out.push(snap(t, 1000, 1000 - dialedAt(t)));
    return out;
  };

  it("uses the configured rate with less than an hour of history, and says so", () => {
    const now = at(0, 10, 50);
    const p = deriveProgress({
      batch,
      campaign: campaign(),
      now: new Date(now),
      snapshots: hourly(at(0, 10), now, 10 * 60_000, (t) => 400 + (t - at(0, 10)) / 36_000),
    });
    expect(p.eta_basis).toBe("configured");
    expect(p.eta).toBe(new Date(now + 6 * 3_600_000).toISOString()); // 600 pending at 100/h
  });

  it("after an hour it paces on what was really dialed (per hour of open window), and says so", () => {
    // 50 dialed an hour while the configured rate says 100: the ETA moves from 6 to 12 window hours away.
    const now = at(0, 11);
    const snaps = hourly(at(0, 9, 30), now, 10 * 60_000, (t) => 350 + Math.round(((t - at(0, 9, 30)) / 3_600_000) * 50) - 25);
    const p = deriveProgress({
      batch: { ...batch, status_counts: { PENDING: 600, COMPLETED: 400 } },
      campaign: campaign(),
      now: new Date(now),
      snapshots: snaps,
    });
    expect(p.eta_basis).toBe("observed");
    // 600 at 50/h = 12 window hours: 6 today (11:00–17:00), 6 tomorrow (09:00–15:00).
    // (The window's end is inclusive to the second, hence "about".)
    expect(Math.abs(Date.parse(p.eta!) - at(1, 15))).toBeLessThan(5_000);
  });

  it("only counts open window hours: an hour of history that spans the closing time is measured over the open part", () => {
    // Window 09:00–17:00. From 16:30 to 17:30 only the first 30 minutes could dial: 25 dialed = 50/h.
    const snaps = [snap(at(0, 16, 30), 1000, 625), snap(at(0, 17), 1000, 600), snap(at(0, 17, 30), 1000, 600)];
    expect(observedPace(snaps, campaign(), at(0, 17, 30))).toBeCloseTo(50, 1);
  });

  it("a batch that never dialed has no pace (the ETA stays on the configured rate) and an observed rate of 0, never a made-up one", () => {
    const now = at(0, 12);
    const snaps = hourly(at(0, 9), now, 10 * 60_000, () => 0);
    const p = deriveProgress({ batch: { ...batch, status_counts: { PENDING: 1000 } }, campaign: campaign(), now: new Date(now), snapshots: snaps });
    expect(p.observed_rate).toBe(0);
    expect(p.eta_basis).toBe("configured");
  });

  it("on hold, the time left is the configured rate's", () => {
    const now = at(0, 11);
    const snaps = hourly(at(0, 9, 30), now, 10 * 60_000, (t) => 350 + Math.round(((t - at(0, 9, 30)) / 3_600_000) * 50));
    const p = deriveProgress({ batch: { ...batch, paused: true }, campaign: campaign(), now: new Date(now), snapshots: snaps });
    expect(p.dialing_left_ms).toBe(6 * 3_600_000);
    expect(p.eta_basis).toBe("configured");
  });
});

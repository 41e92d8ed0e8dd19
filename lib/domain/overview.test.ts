import { describe, expect, it } from "vitest";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { channelOutcomes, overviewRow, overviewTotals, tally, type TallyCounts } from "./overview";

const SINCE = "2026-11-23T00:00:00.000Z";
type Counts = Record<string, number>;
function batch(id: string, statusCounts: Counts, outcomes: Counts, createdAt = "2026-11-20T10:00:00Z"): BatchDetailResponse {
  const pending = statusCounts.PENDING ?? 0;
  const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  return {
    batch_id: id,
    created_at: createdAt,
    status_counts: statusCounts,
    // Syllable's shape: per request status, the channel outcomes of those requests.
    detailed_status_counts: { COMPLETED: { counts: outcomes } },
    progress: { total, pending },
  } as unknown as BatchDetailResponse;
}
const base = (at: string, statusCounts: Counts, outcomes: Counts) => ({ at, tally: tally(statusCounts, outcomes) });

describe("today's totals", () => {
  it("are now minus each batch's counts as of midnight", () => {
    const a = batch("a", { PENDING: 40, COMPLETED: 50, FAILED: 10 }, { HUMAN: 30, MACHINE: 20 });
    const baselines = new Map([["a", base("2026-11-22T23:58:00Z", { PENDING: 90, COMPLETED: 10 }, { HUMAN: 6, MACHINE: 4 })]]);
    const t = overviewTotals([a], { since: SINCE, baselines });
    const expected: TallyCounts = { dialed: 50, completed: 40, failed: 10, connected: 24, voicemail: 16 };
    expect(t.today).toEqual({ ...expected, since: SINCE, partial: false });
    // And the "now" figures are everything the batch holds.
    expect({ dialed: t.dialed, completed: t.completed, connected: t.connected }).toEqual({ dialed: 60, completed: 50, connected: 30 });
  });

  it("a batch created today counts from zero; one seen first after midnight counts from then, and the totals say they are partial", () => {
    const fresh = batch("fresh", { PENDING: 5, COMPLETED: 5 }, { HUMAN: 5 }, "2026-11-23T08:00:00Z");
    const t1 = overviewTotals([fresh], {
      since: SINCE,
      baselines: new Map([["fresh", base("2026-11-23T08:05:00Z", { PENDING: 8, COMPLETED: 2 }, { HUMAN: 2 })]]),
    });
    expect(t1.today).toMatchObject({ dialed: 5, connected: 5, partial: false });

    const old = batch("old", { PENDING: 5, COMPLETED: 5 }, { HUMAN: 5 });
    const t2 = overviewTotals([old], { since: SINCE, baselines: new Map([["old", base("2026-11-23T09:00:00Z", { PENDING: 8, COMPLETED: 2 }, { HUMAN: 2 })]]) });
    expect(t2.today).toMatchObject({ dialed: 3, connected: 3, partial: true });

    const unseen = overviewTotals([old], { since: SINCE, baselines: new Map() });
    expect(unseen.today).toMatchObject({ dialed: 0, partial: true });
  });

  it("never go negative (requests removed since midnight)", () => {
    const a = batch("a", { PENDING: 10 }, {});
    const t = overviewTotals([a], { since: SINCE, baselines: new Map([["a", base("2026-11-22T20:00:00Z", { PENDING: 10, COMPLETED: 5 }, { HUMAN: 5 })]]) });
    expect(t.today).toMatchObject({ dialed: 0, completed: 0, connected: 0 });
  });

  it("channel outcomes are summed over the request statuses", () => {
    expect(
      channelOutcomes({
        COMPLETED: { counts: { HUMAN: 2, MACHINE: 1 } },
        FAILED: { counts: { MACHINE: 3 } },
      } as unknown as BatchDetailResponse["detailed_status_counts"]),
    ).toEqual({ HUMAN: 2, MACHINE: 4 });
  });
});

describe("why a batch on hold is on hold", () => {
  it("held by the recipients' calling hours or by its schedule is told apart from a person's hold", () => {
    const held = (schedule_hold: BatchDetailResponse["schedule_hold"]) =>
      overviewRow({
        ...batch("h", { PENDING: 10 }, {}),
        campaign_id: 1,
        paused: true,
        schedule_hold,
        progress: { total: 10, pending: 10, finished: 0, fraction: 0, in_flight: 0, not_dialing: null },
      } as unknown as BatchDetailResponse).attention;
    expect(held({ by: "calling_hours", reason: "calling hours: 10 recipients in NY" })).toEqual(["held_by_calling_hours"]);
    expect(held({ by: "schedule", reason: "scheduled to start at 2027-01-04T14:00:00Z" })).toEqual(["held_by_schedule"]);
    expect(held(null)).toEqual(["paused"]);
  });
});

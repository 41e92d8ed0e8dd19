import { describe, expect, it } from "vitest";
import type { NotDialing } from "@/lib/schemas/batches";
import { notDialingMessage } from "./not-dialing-message";

describe("notDialingMessage", () => {
  it.each<[NotDialing, RegExp]>([
    [{ code: "failed", error_message: "Missing required fields: target" }, /^The batch failed: Missing required fields: target$/],
    [{ code: "failed", error_message: null }, /^The batch failed\.$/],
    [{ code: "expired", expired_at: "2026-03-02T09:00:00Z" }, /expired on 2026-03-02 09:00 UTC; nothing more/],
    [{ code: "nothing_pending", in_flight: 1200 }, /1,200 calls are still in progress/],
    [
      { code: "inactive_day", day: "sat", next_window_start: "2026-03-09T09:00:00Z" },
      /Today \(Saturday\) is not one of the campaign's active days\. The window opens next on 2026-03-09 09:00 UTC\./,
    ],
    [
      { code: "outside_window", window_start: "09:00:00", window_end: "17:00:00", next_window_start: null },
      /Outside the calling window \(09:00–17:00 UTC\)\. No active day is set/,
    ],
    [{ code: "stalled", minutes: 23, max_daily_calls: 2000 }, /last 23 minutes\. The campaign's daily limit \(2,000 calls\)/],
    [{ code: "stalled", minutes: 15, max_daily_calls: null }, /line-type filters/],
  ])("%o reads %s", (nd, sentence) => {
    expect(notDialingMessage(nd)).toMatch(sentence);
  });

  it("has a sentence for every code", () => {
    const codes: NotDialing[] = [
      { code: "failed", error_message: null },
      { code: "canceled" },
      { code: "expired", expired_at: null },
      { code: "on_hold" },
      { code: "empty" },
      { code: "nothing_pending", in_flight: 0 },
      { code: "no_campaign" },
      { code: "inactive_day", day: "sun", next_window_start: null },
      { code: "outside_window", window_start: "00:00:00", window_end: "01:00:00", next_window_start: null },
      { code: "stalled", minutes: 10, max_daily_calls: null },
    ];
    for (const nd of codes) expect(notDialingMessage(nd).length).toBeGreaterThan(10);
  });
});

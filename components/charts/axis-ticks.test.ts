import { describe, expect, it } from "vitest";
import { axisTicks } from "./status-bar-chart";

describe("axisTicks: round, distinct, and reaching the largest bar", () => {
  it.each([
    [0, [0]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [120, [0, 50, 100, 150]], // the last tick reaches past 120: the bar stays inside the chart
    [100_000, [0, 50_000, 100_000]],
    [99_901, [0, 50_000, 100_000]],
  ])("max %d → %j", (max, ticks) => expect(axisTicks(max)).toEqual(ticks));

  it("never repeats a tick and always ends at or past the maximum", () => {
    for (let max = 1; max < 5000; max += 7) {
      const t = axisTicks(max);
      expect(new Set(t).size).toBe(t.length);
      expect(t[t.length - 1]!).toBeGreaterThanOrEqual(max);
      expect(t.length).toBeLessThanOrEqual(6);
    }
  });
});

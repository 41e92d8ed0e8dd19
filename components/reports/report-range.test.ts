import { describe, expect, it } from "vitest";
import { change, defaultRange, previousRange } from "./report-range";

describe("report ranges", () => {
  it("the last seven days, today included, in the chosen zone", () => {
    // 03:00 UTC on 6 December is still 5 December in Chicago.
    expect(defaultRange("America/Chicago", Date.parse("2026-12-06T03:00:00Z"))).toEqual({ from: "2026-11-29", to: "2026-12-05" });
    expect(defaultRange("UTC", Date.parse("2026-12-06T03:00:00Z"))).toEqual({ from: "2026-11-30", to: "2026-12-06" });
  });
  it("the previous period has as many days, just before", () => {
    expect(previousRange("2026-11-30", "2026-12-06")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(previousRange("2026-03-01", "2026-03-01")).toEqual({ from: "2026-02-28", to: "2026-02-28" });
  });
  it("changes in words: percent for counts, points for rates", () => {
    expect(change(120, 100, "count")).toBe("+20%");
    expect(change(90, 100, "count")).toBe("−10%");
    expect(change(5, 0, "count")).toBe("new");
    expect(change(0.42, 0.45, "rate")).toBe("−3.0 pts");
    expect(change(null, 0.45, "rate")).toBeNull();
  });
});

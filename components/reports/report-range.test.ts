import { describe, expect, it } from "vitest";
import { change, defaultRange, hourRange, previousRange } from "./report-range";

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
  it("an hour bar's instants, in its zone: one hour, two when clocks go back, none for a bad key", () => {
    expect(hourRange("2026-07-01T14", "America/New_York")).toEqual({ from: "2026-07-01T18:00:00.000Z", to: "2026-07-01T19:00:00.000Z" });
    expect(hourRange("2026-07-01T14", "Asia/Kolkata")).toEqual({ from: "2026-07-01T08:30:00.000Z", to: "2026-07-01T09:30:00.000Z" });
    // 1 November 2026: New York's 01:00-02:00 happens twice (EDT, then EST).
    expect(hourRange("2026-11-01T01", "America/New_York")).toEqual({ from: "2026-11-01T05:00:00.000Z", to: "2026-11-01T07:00:00.000Z" });
    expect(hourRange("2026-11-01T02", "America/New_York")).toEqual({ from: "2026-11-01T07:00:00.000Z", to: "2026-11-01T08:00:00.000Z" });
    // 8 March 2026: 02:00 does not exist there; 03:00 follows 01:00.
    expect(hourRange("2026-03-08T02", "America/New_York")).toBeNull();
    expect(hourRange("2026-03-08T03", "America/New_York")).toEqual({ from: "2026-03-08T07:00:00.000Z", to: "2026-03-08T08:00:00.000Z" });
    expect(hourRange("Mon-14", "UTC")).toBeNull();
  });
  it("changes in words: percent for counts, points for rates", () => {
    expect(change(120, 100, "count")).toBe("+20%");
    expect(change(90, 100, "count")).toBe("−10%");
    expect(change(5, 0, "count")).toBe("new");
    expect(change(0.42, 0.45, "rate")).toBe("−3.0 pts");
    expect(change(null, 0.45, "rate")).toBeNull();
  });
});

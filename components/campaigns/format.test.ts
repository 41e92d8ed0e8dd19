import { describe, expect, it } from "vitest";
import { formatDays, formatRetries, formatWindow } from "./format";

describe("campaign formatting", () => {
  it("formats days as runs", () => {
    expect(formatDays(["mon", "tue", "wed", "thu", "fri"])).toBe("Mon–Fri");
    expect(formatDays(["sat", "sun"])).toBe("Sat, Sun");
    expect(formatDays(["mon", "wed", "thu", "fri", "sun"])).toBe("Mon, Wed–Fri, Sun");
    expect(formatDays(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).toBe("Every day");
    expect(formatDays([])).toBe("No days");
    expect(formatDays(["mon", "holiday"])).toBe("Mon, holiday");
  });
  it("formats the calling window and retries", () => {
    expect(formatWindow({ active_days: ["mon", "tue", "wed", "thu", "fri"], daily_start_time: "09:00:00", daily_end_time: "17:00:00" })).toBe(
      "Mon–Fri 09:00–17:00",
    );
    expect(formatRetries({ retry_count: 2, retry_interval: "30m" })).toBe("2 after 30m");
    expect(formatRetries({ retry_count: 0, retry_interval: "30m" })).toBe("None");
  });
});

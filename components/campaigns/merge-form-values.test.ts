import { describe, expect, it } from "vitest";
import { mergeFormValues } from "./use-campaign-editor";

describe("mergeFormValues: the form moves onto their version and keeps my edits", () => {
  const opened = { hourly_rate: 100, retry_count: 1, daily_end_time: "17:00", active_days: ["mon"] };
  const theirs = { hourly_rate: 700, retry_count: 1, daily_end_time: "20:00", active_days: ["mon", "tue"] };
  it("fields I did not touch take theirs; fields I changed stay mine", () => {
    const mine = { ...opened, retry_count: 3 };
    expect(mergeFormValues(opened, mine, theirs, [])).toEqual({ hourly_rate: 700, retry_count: 3, daily_end_time: "20:00", active_days: ["mon", "tue"] });
  });
  it("a clashing field I give up takes theirs; my other edits stay", () => {
    const mine = { ...opened, daily_end_time: "19:00", hourly_rate: 650 };
    expect(mergeFormValues(opened, mine, theirs, ["daily_end_time"])).toEqual({
      hourly_rate: 650,
      retry_count: 1,
      daily_end_time: "20:00",
      active_days: ["mon", "tue"],
    });
  });
});

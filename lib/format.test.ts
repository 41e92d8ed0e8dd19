import { describe, expect, it } from "vitest";
import { absoluteUtc } from "./format";

describe("absoluteUtc", () => {
  it("shows minutes in UTC whatever the input's offset", () => {
    expect(absoluteUtc("2026-04-01T15:30:59+02:00")).toBe("2026-04-01 13:30 UTC");
  });
  it("keeps what it cannot read, and shows a dash for nothing", () => {
    expect(absoluteUtc("soon")).toBe("soon");
    expect(absoluteUtc(null)).toBe("—");
  });
});

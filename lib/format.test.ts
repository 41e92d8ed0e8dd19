import { describe, expect, it } from "vitest";
import { absoluteUtc, revealBidiControls } from "./format";

describe("absoluteUtc", () => {
  it("shows minutes in UTC whatever the input's offset", () => {
    expect(absoluteUtc("2026-04-01T15:30:59+02:00")).toBe("2026-04-01 13:30 UTC");
  });
  it("keeps what it cannot read, and shows a dash for nothing", () => {
    expect(absoluteUtc("soon")).toBe("soon");
    expect(absoluteUtc(null)).toBe("—");
  });
});

describe("revealBidiControls", () => {
  it("shows direction controls instead of obeying them, and leaves other text alone", () => {
    expect(revealBidiControls("invoice\u202Etxt.exe")).toBe("invoice[U+202E]txt.exe");
    expect(revealBidiControls("\u2066a\u2069 \u200F")).toBe("[U+2066]a[U+2069] [U+200F]");
    expect(revealBidiControls("שלום batch-1 مرحبا")).toBe("שלום batch-1 مرحبا");
  });
});

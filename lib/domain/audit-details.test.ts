import { describe, expect, it } from "vitest";
import { auditDetailLine, auditDetailRows } from "./audit-details";

describe("audit details, readable", () => {
  it("changes as from → to, lists joined, nested objects in words, bookkeeping hidden", () => {
    const detail = {
      role: { from: "supervisor", to: "manager" },
      hourly_rate: { before: 60, after: null },
      channel_status: ["NO-ANSWER", "BUSY"],
      filter: { status: "FAILED" },
      instance: "i-1",
      sessions_ended: 2,
      reason: "left the team",
    };
    expect(auditDetailRows(detail)).toEqual([
      ["role", "supervisor → manager"],
      ["hourly rate", "60 → —"],
      ["channel status", "NO-ANSWER, BUSY"],
      ["filter", "status FAILED"],
      ["sessions ended", "2"],
      ["reason", "left the team"],
    ]);
    expect(auditDetailLine({ paused: true, reason: "x" })).toBe("paused: true; reason: x");
  });
});

describe("a campaign edit's changes", () => {
  it("one row per changed field, before → after, next to the reason", () => {
    const detail = {
      fields: ["hourly_rate", "webhooks"],
      reason: "new script",
      changes: {
        hourly_rate: { before: 60, after: 90 },
        webhooks: { before: ["POST https://a on BUSY (secret set)"], after: ["POST https://a on BUSY (secret changed)"] },
      },
    };
    expect(auditDetailRows(detail)).toEqual([
      ["fields", "hourly_rate, webhooks"],
      ["reason", "new script"],
      ["hourly rate", "60 → 90"],
      ["webhooks", "POST https://a on BUSY (secret set) → POST https://a on BUSY (secret changed)"],
    ]);
  });
});

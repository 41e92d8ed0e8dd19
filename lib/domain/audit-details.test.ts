import { describe, expect, it } from "vitest";
import { auditDetailLine, auditDetailRows } from "./audit-details";

describe("audit details, readable", () => {
  it("changes as from → to, lists joined, nested objects in words, bookkeeping hidden", () => {
    const detail = { role: { from: "supervisor", to: "manager" }, hourly_rate: { before: 60, after: null }, channel_status: ["NO-ANSWER", "BUSY"], filter: { status: "FAILED" }, instance: "i-1", sessions_ended: 2, reason: "left the team" };
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

import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { RequestResult } from "@/lib/schemas/syllable";
import { followUpCsv, planFollowUp, proposeFollowUpId } from "./follow-up";

const r = (
  id: string,
  target: string,
  request_status: string,
  channel_manager_status: string | null = null,
  request_variables: Record<string, unknown> = {},
): RequestResult => ({
  reference_id: id,
  target,
  request_status,
  channel_manager_status,
  request_variables,
});

describe("planFollowUp", () => {
  const source = [
    r("1", "+15125550001", "FAILED", "NO-ANSWER", { name: "Ana" }),
    r("2", "+15125550002", "FAILED", "BUSY"),
    r("3", "+15125550003", "FAILED", "NO-ANSWER"), // reached by request 4
    r("4", "+15125550003", "COMPLETED", "HUMAN"),
    r("5", "+15125550001", "FAILED", "BUSY"), // the same target as 1
    r("6", "+15125550006", "DUPLICATE", "NO-ANSWER"),
    r("7", "", "INVALID", "NO-ANSWER"),
    r("8", "+15125550008", "FAILED", "SIP_NOT_FOUND"),
  ];

  it("keeps matching contacts worth calling again, and counts the rest by reason", () => {
    const plan = planFollowUp(source, { channel_status: ["NO-ANSWER", "BUSY"] });
    expect(plan.matched).toBe(6);
    expect(plan.rows.map((x) => x.reference_id)).toEqual(["1", "2"]);
    expect(plan.excluded).toEqual({ completed_elsewhere: 1, duplicate_target: 1, duplicate: 1, invalid: 1 });
    expect(plan.rows.length + Object.values(plan.excluded).reduce((a, b) => a + b, 0)).toBe(plan.matched);
  });

  it("a COMPLETED row chosen on purpose is not excluded by itself", () => {
    const plan = planFollowUp(source, { status: "COMPLETED" });
    expect(plan.rows.map((x) => x.reference_id)).toEqual(["4"]);
  });
});

describe("followUpCsv", () => {
  it("carries reference ids, targets and every variable over, and reads back as it was", () => {
    const rows = [
      r("a,1", "+15125550001", "FAILED", null, { name: 'Zoë "Z"', note: "line 1\nline 2" }),
      r("b", "+15125550002", "FAILED", null, { city: " Austin", score: 3, formula: "=1+1" }),
    ];
    const csv = followUpCsv(rows);
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(["reference_id", "target", "name", "note", "city", "score", "formula"]);
    expect(parsed.data[0]).toMatchObject({ reference_id: "a,1", target: "+15125550001", name: 'Zoë "Z"', note: "line 1\nline 2", city: "" });
    expect(parsed.data[1]).toMatchObject({ reference_id: "b", city: " Austin", score: "3", formula: "=1+1", name: "" });
  });
});

describe("proposeFollowUpId", () => {
  it("<source>-retry-1, the next number for a follow-up of a follow-up, skipping taken ids, within 100 characters", () => {
    expect(proposeFollowUpId("spring")).toBe("spring-retry-1");
    expect(proposeFollowUpId("spring-retry-1")).toBe("spring-retry-2");
    expect(proposeFollowUpId("spring", (id) => id === "spring-retry-1")).toBe("spring-retry-2");
    const long = proposeFollowUpId("x".repeat(100));
    expect(long).toHaveLength(100);
    expect(long.endsWith("-retry-1")).toBe(true);
  });
});

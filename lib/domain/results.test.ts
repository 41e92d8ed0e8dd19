import { describe, expect, it } from "vitest";
import type { RequestResult } from "@/lib/schemas/syllable";
import { csvCell, csvHeader, csvRow, filterResults, variableColumns } from "./results";

const r = (id: string, over: Partial<RequestResult> = {}): RequestResult => ({
  reference_id: id,
  target: `+1512555${id.padStart(4, "0")}`,
  request_status: "PENDING",
  attempt_count: 0,
  insights_status: null,
  request_variables: {},
  ...over,
});

const rows = [
  r("3", { request_status: "COMPLETED", attempt_count: 2, sent_at: "2026-01-01T10:00:00Z", request_variables: { name: "Zoë" } }),
  r("1", { request_status: "FAILED", attempt_count: 3, sent_at: "2026-01-01T09:00:00Z", insights_status: "FAILED" }),
  r("10", { request_status: "completed", attempt_count: 1, sent_at: null, insights_status: "COMPLETED" }),
  r("2", { request_variables: { name: "Ana", city: "Austin" } }),
];

describe("filterResults", () => {
  it("filters status case-insensitively, insights, reference and free text", () => {
    expect(filterResults(rows, { status: "completed" }).map((x) => x.reference_id)).toEqual(["3", "10"]);
    expect(filterResults(rows, { insights_status: "FAILED" }).map((x) => x.reference_id)).toEqual(["1"]);
    expect(filterResults(rows, { reference_id: "2" }).map((x) => x.reference_id)).toEqual(["2"]);
    expect(filterResults(rows, { q: "austin" }).map((x) => x.reference_id)).toEqual(["2"]);
    expect(filterResults(rows, { q: "5550010" }).map((x) => x.reference_id)).toEqual(["10"]);
  });

  it("filters channel outcomes by any of a list (comma-separated or an array), with the status", () => {
    const calls = [
      r("a", { request_status: "FAILED", channel_manager_status: "NO-ANSWER" }),
      r("b", { request_status: "FAILED", channel_manager_status: "busy" }),
      r("c", { request_status: "FAILED", channel_manager_status: "SIP_NOT_FOUND" }),
      r("d", { request_status: "CONNECTED", channel_manager_status: "NO-ANSWER" }),
      r("e", { request_status: "FAILED", channel_manager_status: null }),
    ];
    expect(filterResults(calls, { status: "FAILED", channel_status: "NO-ANSWER, BUSY" }).map((x) => x.reference_id)).toEqual(["a", "b"]);
    expect(filterResults(calls, { channel_status: ["no-answer"] }).map((x) => x.reference_id)).toEqual(["a", "d"]);
    expect(filterResults(calls, { channel_status: " , " })).toHaveLength(5);
  });
});

describe("CSV", () => {
  it("escapes quotes, commas, newlines and defuses formulas", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    // E.164 targets and numbers stay usable: they cannot run anything.
    expect(csvCell("+15125550000")).toBe("+15125550000");
    expect(csvCell("+1 (512) 555-0000")).toBe("+1 (512) 555-0000");
    expect(csvCell("-1")).toBe("-1");
    expect(csvCell("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    // Round 2: fullwidth signs and whitespace before the sign are formulas to some spreadsheets.
    for (const attack of [
      "\uff1dHYPERLINK(1)",
      "\uff0bcmd|x!A1",
      "\uff0dcmd|x!A1",
      "\uff20SUM(1)",
      " =1+1",
      "\u00a0=1+1",
      "\t=1+1",
      "\r=1+1",
      "\n=cmd|x!A1",
      "  @SUM(A1)",
      "\u3000=1",
    ]) {
      expect(csvCell(attack).replace(/^"/, "").startsWith("'"), JSON.stringify(attack)).toBe(true);
    }
    expect(csvCell(" plain text")).toBe(" plain text");
    expect(csvCell(" +1 512 555 0000")).toBe(" +1 512 555 0000"); // a number with a space is still no formula
    expect(csvCell("-2+3+cmd")).toBe("'-2+3+cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(null)).toBe("");
    expect(csvCell(3)).toBe("3");
  });

  it("writes the header and one line per row, variables as columns", () => {
    const many = Array.from({ length: 2500 }, (_, i) => r(String(i), { request_variables: { name: i === 5 ? "=cmd" : `n${i}` } }));
    const vars = variableColumns(many);
    const lines = (csvHeader(vars) + many.map((x) => csvRow(x, vars)).join("")).trim().split("\r\n");
    expect(lines[0]).toBe(
      "reference_id,target,request_status,channel_manager_status,attempt_count,sent_at,insights_status,insights_rating,insights_summary,insights,line_type,created_at,var_name",
    );
    expect(lines).toHaveLength(2501);
    expect(lines[6]!.endsWith(",'=cmd")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { prepareCsv, toE164 } from "./csv-prepare";
import { csvHeader, csvRow, variableColumns } from "./results";
import type { RequestResult } from "@/lib/schemas/syllable";

describe("toE164", () => {
  it("keeps E.164, writes national numbers with the default country, refuses what is no number", () => {
    expect(toE164("+15125551234", null)).toBe("+15125551234");
    expect(toE164("(415) 555-0103", "US")).toBe("+14155550103");
    expect(toE164("020 7946 0958", "GB")).toBe("+442079460958");
    expect(toE164("(415) 555-0103", null)).toBeNull();
    expect(toE164("not a number", "US")).toBeNull();
    expect(toE164("", "US")).toBeNull();
  });
});

describe("prepareCsv", () => {
  const rows = [
    { reference_id: "a", target: "(415) 555-0103", name: "Ana" },
    { reference_id: "", target: "+15125550002", name: "Bo" },
    { reference_id: "c", target: "nope", name: "Cy" },
    { reference_id: "a", target: "+15125550004", name: "Di" },
    { reference_id: "e", target: "+15125550005", name: "Ed" },
  ];
  it("normalises national numbers and skips the rows Syllable would refuse, saying why", () => {
    const p = prepareCsv(["reference_id", "target", "name"], rows, { defaultCountry: "US", skipBadRows: true });
    expect(p.rows.map((r) => r.reference_id)).toEqual(["a", "e"]);
    expect(p.rows[0]!.target).toBe("+14155550103");
    expect(p.normalised).toEqual([{ row: 1, from: "(415) 555-0103", to: "+14155550103" }]);
    expect(p.skipped.map((s) => [s.row, s.reason])).toEqual([
      [2, "no reference_id"],
      [3, 'target "nope" is not a phone number'],
      [4, "reference_id a repeated"],
    ]);
    expect(p.changed).toBe(true);
  });

  it("keeps every row when not skipping, and changes nothing in a clean file", () => {
    expect(prepareCsv(["reference_id", "target", "name"], rows, { defaultCountry: null, skipBadRows: false }).rows).toHaveLength(5);
    const clean = prepareCsv(["reference_id", "target"], [{ reference_id: "x", target: "+15125550009" }], { defaultCountry: "US", skipBadRows: true });
    expect(clean.changed).toBe(false);
  });

  it("reads the console's own results export back: var_* are variables again, status columns left out", () => {
    const results: RequestResult[] = [
      {
        reference_id: "r1",
        target: "+15125550001",
        request_status: "FAILED",
        channel_manager_status: "NO-ANSWER",
        attempt_count: 2,
        request_variables: { first_name: "Ana", plan: "gold" },
      },
    ];
    const vars = variableColumns(results);
    const csv = csvHeader(vars) + results.map((r) => csvRow(r, vars)).join("");
    const [header, line] = csv.trim().split("\r\n");
    const columns = header!.split(",");
    const values = line!.split(",");
    const row = Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ""]));
    const p = prepareCsv(columns, [row], { defaultCountry: "US", skipBadRows: true });
    expect(p.columns).toEqual(["reference_id", "target", "first_name", "plan"]);
    expect(p.rows).toEqual([{ reference_id: "r1", target: "+15125550001", first_name: "Ana", plan: "gold" }]);
    expect(p.renamed).toEqual([
      ["var_first_name", "first_name"],
      ["var_plan", "plan"],
    ]);
    expect(p.dropped).toContain("request_status");
  });
});

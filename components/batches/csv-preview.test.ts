import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { analyzeCsv } from "./csv-preview";

describe("analyzeCsv", () => {
  it("finds missing ids, invalid and duplicate targets, variables", () => {
    const text = "reference_id,target,first_name\nr1,+15125550001,Ana\n,+15125550002,Ben\nr3,+15125550001,Dup\nr4,5125550004,Bad\nr1,+15125550005,Again\n";
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: "greedy" });
    const p = analyzeCsv(parsed.meta.fields!, parsed.data);
    expect(p.rowCount).toBe(5);
    expect(p.missingColumns).toEqual([]);
    expect(p.variableColumns).toEqual(["first_name"]);
    expect(p.missingReferenceId).toEqual([2]);
    expect(p.invalidTargets).toEqual([{ row: 4, target: "5125550004" }]);
    expect(p.duplicateTargets).toEqual([{ row: 3, target: "+15125550001", firstRow: 1 }]);
    expect(p.duplicateReferenceIds).toEqual([{ row: 5, reference_id: "r1" }]);
  });
  it("reports missing required columns", () => {
    expect(analyzeCsv(["phone"], []).missingColumns).toEqual(["reference_id", "target"]);
  });
});

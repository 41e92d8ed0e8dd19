import { describe, expect, it } from "vitest";
import { missingCsvColumns, variableCsvColumns } from "./csv-columns";

describe("batch CSV columns", () => {
  it("needs reference_id and target (trimmed, any case); the rest are variables", () => {
    expect(missingCsvColumns(["reference_id", "target", "name"])).toEqual([]);
    expect(missingCsvColumns([" Reference_ID ", "TARGET"])).toEqual([]);
    expect(missingCsvColumns(["ref", "target"])).toEqual(["reference_id"]);
    expect(missingCsvColumns([])).toEqual(["reference_id", "target"]);
    expect(variableCsvColumns(["reference_id", "target", " first_name ", "", "Target"])).toEqual(["first_name"]);
  });
});

import { describe, expect, it } from "vitest";
import { BATCH_ID_PATTERN } from "@/lib/schemas/batches";
import { groupRows, splitBatchId } from "./split-by-zone";

describe("split by time zone", () => {
  it("names each new batch after its zone, as a valid id of at most 100 characters", () => {
    expect(splitBatchId("spring", "America/New_York")).toBe("spring-america-new-york");
    expect(splitBatchId("spring", "America/Chicago&America/Denver")).toBe("spring-america-chicago-america-denver");
    const long = splitBatchId("b".repeat(100), "Pacific/Honolulu");
    expect(long).toHaveLength(100);
    expect(long.endsWith("-pacific-honolulu")).toBe(true);
    expect(BATCH_ID_PATTERN.test(long)).toBe(true);
  });

  it("groups rows by key, largest group first, rows in the file's order", () => {
    const rows = ["a", "b", "c", "d", "e"].map((reference_id) => ({ reference_id, target: "" }));
    const groups = groupRows(rows, ["NY", "HI", "NY", "CHI", "NY"]);
    expect(groups.map((g) => [g.key, g.rows.map((r) => r.reference_id).join("")])).toEqual([
      ["NY", "ace"],
      ["HI", "b"],
      ["CHI", "d"],
    ]);
  });
});

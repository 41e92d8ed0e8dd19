import { describe, expect, it } from "vitest";
import { guessMapping, mapRow, mappedColumns, unknownColumns, variableName } from "./column-mapping";

const crm = {
  columns: ["Customer Ref", "First Name", "Mobile Number", "Notes"],
  rows: [
    { "Customer Ref": "C-1001", "First Name": "Ana", "Mobile Number": "(415) 555-0103", Notes: "call after 5" },
    { "Customer Ref": "C-1002", "First Name": "Ben", "Mobile Number": "415.555.0104", Notes: "" },
    { "Customer Ref": "C-1003", "First Name": "Cy", "Mobile Number": "+44 20 7946 0958", Notes: "UK" },
  ],
};

describe("column mapping", () => {
  it("guesses a CRM's phone, reference and variable columns from names and content", () => {
    expect(guessMapping(crm.columns, crm.rows, "US")).toEqual({
      target: "Mobile Number",
      reference_id: "Customer Ref",
      variables: { first_name: "First Name", notes: "Notes" },
    });
  });

  it("finds the phone column by its content when its name says nothing", () => {
    const rows = [
      { id: "1", x: "2125550100" },
      { id: "2", x: "2125550101" },
    ];
    expect(guessMapping(["id", "x"], rows, "US")).toMatchObject({ target: "x", reference_id: "id" });
  });

  it("keeps a file already in the upload's shape as it is", () => {
    expect(guessMapping(["reference_id", "target", "name"], [{ reference_id: "r1", target: "+12125550100", name: "A" }], "US")).toEqual({
      target: "target",
      reference_id: "reference_id",
      variables: { name: "name" },
    });
  });

  it("maps a row: national numbers to E.164, unreadable ones left for Syllable to mark INVALID", () => {
    const mapping = guessMapping(crm.columns, crm.rows, "US");
    expect(mappedColumns(mapping)).toEqual(["reference_id", "target", "first_name", "notes"]);
    expect(mapRow(mapping, crm.rows[0]!, "US")).toEqual({ reference_id: "C-1001", target: "+14155550103", first_name: "Ana", notes: "call after 5" });
    expect(mapRow(mapping, crm.rows[2]!, "US").target).toBe("+442079460958");
    expect(mapRow(mapping, { ...crm.rows[0]!, "Mobile Number": "call me" }, "US").target).toBe("call me");
  });

  it("names variables as the API takes them, and says which mapped columns a file lacks", () => {
    expect(variableName("First Name")).toBe("first_name");
    expect(variableName("accountBalance")).toBe("account_balance");
    expect(variableName("2nd line")).toBe("v_2nd_line");
    expect(unknownColumns({ target: "Phone", reference_id: "Ref", variables: { a: "Notes" } }, ["Phone", "Notes"])).toEqual(["Ref"]);
  });
});

import { describe, expect, it } from "vitest";
import { csvCell, csvDocument } from "./csv";

describe("the one CSV writer", () => {
  it("spreadsheet cells are defused; upload cells are kept as they are, outer spaces quoted", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("=1+2", "upload")).toBe("=1+2");
    expect(csvCell(" padded ", "spreadsheet")).toBe(" padded ");
    expect(csvCell(" padded ", "upload")).toBe('" padded "');
    expect(csvCell({ a: 1 }, "upload")).toBe('"{""a"":1}"');
  });

  it("a document is the header and one CRLF line per row", () => {
    expect(
      csvDocument(
        ["a", "b"],
        [
          ["x,y", null],
          [1, "z"],
        ],
        "upload",
      ),
    ).toBe('a,b\r\n"x,y",\r\n1,z\r\n');
  });
});

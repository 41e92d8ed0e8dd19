import { describe, expect, it } from "vitest";
import { jsonArraySplitter, TruncatedJsonError } from "./json-array-splitter";

const rows = [
  { reference_id: "a-1", target: "+15550000001", request_variables: { note: 'quote " and \\ backslash, [brackets] {braces}' } },
  { reference_id: "ü-2", target: "+15550000002", request_variables: { name: "Zoë ✓ 日本語 🎉", tail: "\\" } },
  { reference_id: "c-3", target: "+15550000003", request_variables: null, insights: { nested: [1, [2, { x: "]" }]] } },
];
const text = JSON.stringify(rows, null, 1);
const bytes = Buffer.from(text, "utf8");

function splitInto(size: number, input: Buffer = bytes): unknown[] {
  const out: unknown[] = [];
  const s = jsonArraySplitter((v) => out.push(v));
  for (let o = 0; o < input.length; o += size) s.write(input.subarray(o, o + size));
  s.end();
  return out;
}

describe("jsonArraySplitter", () => {
  it("gives each element of the array, whatever the chunk size (split inside strings, escapes and multi-byte characters)", () => {
    for (const size of [1, 2, 3, 5, 7, 64, bytes.length]) expect(splitInto(size), `chunks of ${size}`).toEqual(rows);
  });

  it("reads an empty array and scalars", () => {
    expect(splitInto(1, Buffer.from(" [ ] "))).toEqual([]);
    expect(splitInto(2, Buffer.from('[1, "a,b", null, true]'))).toEqual([1, "a,b", null, true]);
  });

  it("says the answer was truncated when the array is not closed; the elements before the cut were given", () => {
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from('"c-3"')));
    const out: unknown[] = [];
    const s = jsonArraySplitter((v) => out.push(v));
    s.write(cut);
    expect(() => s.end()).toThrow(TruncatedJsonError);
    expect(out).toEqual(rows.slice(0, 2));
    const empty = jsonArraySplitter(() => undefined);
    expect(() => empty.end()).toThrow(/empty/);
  });

  it("refuses what is not an array, a broken element and data after the array", () => {
    expect(() => splitInto(4, Buffer.from('{"a":1}'))).toThrow(/array/);
    expect(() => splitInto(4, Buffer.from("[{a:1}]"))).toThrow(SyntaxError);
    expect(() => splitInto(4, Buffer.from("[1] [2]"))).toThrow(/after the end/);
  });
});

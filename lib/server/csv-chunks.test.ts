// Reading a CSV file a chunk of rows at a time: every row once, in order, across read buffers,
// with quoted cells holding commas and line breaks; stopping early closes the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvRowChunks, headerCells, writeCsvBeside } from "./csv-chunks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csv-chunks-"));

describe("csvRowChunks", () => {
  it("hands out every row once, in order, in several chunks for a file bigger than a read buffer", async () => {
    const file = path.join(dir, "big.csv");
    const lines = ["id,note"];
    for (let i = 0; i < 20_000; i++) lines.push(i % 1000 === 0 ? `${i},"a, b\nc ""q"""` : `${i},plain`);
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const rows: string[][] = [];
    let chunks = 0;
    for await (const chunk of csvRowChunks(file)) {
      chunks++;
      rows.push(...chunk);
    }
    expect(chunks).toBeGreaterThan(1);
    expect(rows).toHaveLength(20_001);
    expect(rows[1]).toEqual(["0", 'a, b\nc "q"']);
    expect(rows.map((r) => r[0]).slice(1)).toEqual(Array.from({ length: 20_000 }, (_, i) => String(i)));
  });

  it("stops reading when the consumer stops", async () => {
    const file = path.join(dir, "stop.csv");
    fs.writeFileSync(file, "x\n" + "1\n".repeat(200_000));
    let seen = 0;
    for await (const chunk of csvRowChunks(file)) {
      seen += chunk.length;
      break;
    }
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(200_001);
  });

  it("headerCells: column names trimmed, without a spreadsheet's byte-order mark", () => {
    expect(headerCells(["\uFEFFtarget ", " reference_id", "name\t"])).toEqual(["target", "reference_id", "name"]);
  });
});

describe("writeCsvBeside", () => {
  it("writes the rows as upload cells to a new file beside the upload, readable only by this user, read back the same", async () => {
    const upload = path.join(dir, "upload.csv");
    const written = await writeCsvBeside(upload, "rewritten", async (write) => {
      await write([["target", "note"]]);
      await write([]);
      await write([
        ["+12125550100", 'a, "b"\nc'],
        ["+12125550101", "=1+1"],
      ]);
    });
    expect(path.dirname(written.path)).toBe(dir);
    expect(path.basename(written.path)).toMatch(/^rewritten-.+\.csv$/);
    expect(fs.statSync(written.path).mode & 0o777).toBe(0o600);
    const rows: string[][] = [];
    for await (const chunk of csvRowChunks(written.path)) rows.push(...chunk);
    expect(rows.slice(0, 2)).toEqual([
      ["target", "note"],
      ["+12125550100", 'a, "b"\nc'],
    ]);
    expect(rows).toHaveLength(3);
    await written.dispose();
    expect(fs.existsSync(written.path)).toBe(false);
  });

  it("leaves no file behind when writing fails, and passes the error on", async () => {
    const before = fs.readdirSync(dir).filter((f) => f.startsWith("broken-"));
    await expect(
      writeCsvBeside(path.join(dir, "upload.csv"), "broken", async (write) => {
        await write([["target"]]);
        throw new Error("the store went away");
      }),
    ).rejects.toThrow("the store went away");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("broken-"))).toEqual(before);
  });
});

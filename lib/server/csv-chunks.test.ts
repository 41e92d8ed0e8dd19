// Reading a CSV file a chunk of rows at a time: every row once, in order, across read buffers,
// with quoted cells holding commas and line breaks; stopping early closes the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvRowChunks } from "./csv-chunks";

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
});

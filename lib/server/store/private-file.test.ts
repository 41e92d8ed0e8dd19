import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { preparePrivateFile } from "./private-file";

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe("preparePrivateFile: the store's file is private to the console's user", () => {
  it("creates the directory 0700 and the file 0600, without a warning", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "oc-private-")), "data");
    const warnings: string[] = [];
    preparePrivateFile(path.join(dir, "console.sqlite"), (m) => warnings.push(m));
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, "console.sqlite"))).toBe(0o600);
    expect(warnings).toEqual([]);
  });

  it("warns at start about an existing file or directory others can read, and leaves it be", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-private-"));
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, "console.sqlite");
    fs.writeFileSync(file, "");
    fs.chmodSync(file, 0o644);
    const warnings: string[] = [];
    preparePrivateFile(file, (m) => warnings.push(m));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/mode 0755.*chmod 700/);
    expect(warnings[1]).toMatch(/mode 0644.*chmod 600/);
    expect(mode(file)).toBe(0o644);
  });
});

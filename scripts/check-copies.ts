// The copy-paste check of `npm run lint`: jscpd (exact clones of 6 lines and 50 tokens or more)
// over the code (the files git does not ignore). Fails when the product code (anything but tests) holds a copy, a twin that should
// be one function, or when the tests hold more than MAX_TEST_PAIRS (repeated arrange steps are
// tolerated there, up to a point).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const MAX_TEST_PAIRS = 15;
const isTest = (file: string) => /(^|\/)(tests|e2e)\//.test(file) || /\.(test|spec)\.tsx?$/.test(file);

type Side = { name: string; start: number; end: number };
type Report = { duplicates: { lines: number; firstFile: Side; secondFile: Side }[] };

const out = fs.mkdtempSync(path.join(os.tmpdir(), "oc-copies-"));
const run = spawnSync(
  process.execPath,
  [
    path.join(import.meta.dirname, "..", "node_modules/jscpd/run-jscpd.js"),
    "-l",
    "6",
    "-k",
    "50",
    "-f",
    "typescript,tsx",
    "-i",
    "**/node_modules/**,**/.next*/**",
    "-r",
    "json",
    "-o",
    out,
    ".",
  ],
  { encoding: "utf8" },
);
if (run.status !== 0) {
  console.error(`jscpd failed: ${run.stderr || run.stdout}`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(path.join(out, "jscpd-report.json"), "utf8")) as Report;
fs.rmSync(out, { recursive: true, force: true });

const where = (s: Side) => `${s.name}:${s.start}-${s.end}`;
const pairs = report.duplicates.map((d) => ({ ...d, test: isTest(d.firstFile.name) && isTest(d.secondFile.name) }));
const product = pairs.filter((p) => !p.test);
const tests = pairs.filter((p) => p.test);
for (const p of pairs) console.log(`${p.test ? "test" : "CODE"}  ${p.lines} lines  ${where(p.firstFile)} ~ ${where(p.secondFile)}`);
console.log(`copies: ${product.length} in the product code (0 allowed), ${tests.length} in tests (${MAX_TEST_PAIRS} allowed)`);
if (product.length > 0 || tests.length > MAX_TEST_PAIRS) process.exit(1);

// Benchmark: suppression lists at the issue's scale, on the console's SQLite store in a temporary
// folder (this process is the console, so its RSS is the console's):
// - import a CSV of 1,000,000 numbers (half national "(212) 555-0100", half E.164) into a list;
// - check a 100,000-row upload against it (the rows left out, written to a new file);
// - check one number against the million (GET /api/suppression/check), p95 of 200.
// Goals (issue 27): import ≤ 60 s with ≤ 150 MB RSS growth; the 100k-row check ≤ 2 s.
// Run: npm run bench:suppression
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeResult } from "./support/seeded-console";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "oc-suppression-bench-"));
delete process.env.DATABASE_URL;
process.env.DATA_DIR = path.join(root, "console");
const { getStore } = await import("../lib/server/store");
const { importNumbers } = await import("../lib/server/suppression/numbers");
const { withoutSuppressedRows, checkNumber } = await import("../lib/server/suppression/matching");

const LIST_SIZE = 1_000_000;
const UPLOAD_ROWS = 100_000;
const USER = { id: 1, email: "bench@example.com", role: "manager" as const };
const s = (n: number) => Math.round(n / 100) / 10;
const mb = (n: number) => Math.round(n / 1024 / 1024);

/** A valid NANP number for i: area 201-989, exchange 200-999, line 0000-9999 (never repeats below 7.8M). */
function nanp(i: number): { area: number; exchange: number; line: string } {
  const line = i % 10_000;
  const exchange = 200 + (Math.floor(i / 10_000) % 800);
  const area = 201 + Math.floor(i / 8_000_000) + (Math.floor(i / 10_000) % 7) * 100;
  return { area, exchange, line: String(line).padStart(4, "0") };
}
const e164 = (i: number) => {
  const n = nanp(i);
  return `+1${n.area}${n.exchange}${n.line}`;
};
const national = (i: number) => {
  const n = nanp(i);
  return `(${n.area}) ${n.exchange}-${n.line}`;
};

function writeFile(name: string, header: string, rows: number, line: (i: number) => string): string {
  const file = path.join(root, name);
  const fd = fs.openSync(file, "w");
  let chunk = `${header}\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = "";
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return file;
}

async function peakRss<T>(fn: () => Promise<T>): Promise<[number, T]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const v = await fn();
    return [peak, v];
  } finally {
    clearInterval(timer);
  }
}

console.log(`Writing a CSV of ${LIST_SIZE.toLocaleString("en-US")} numbers…`);
const listCsv = writeFile("list.csv", "phone,reason", LIST_SIZE, (i) => `${i % 2 ? e164(i) : `"${national(i)}"`},opt-out`);
const store = getStore();
const at = new Date().toISOString();
const listId = (await store.suppression.createList({ name: "Bench", description: "", appliesTo: "all", createdBy: USER.email, createdAt: at }))!;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const [importPeak, report] = await peakRss(() =>
  importNumbers(USER, listId, { path: listCsv, name: "list.csv", bytes: fs.statSync(listCsv).size }, { phone_column: "phone" }),
);
const importMs = performance.now() - t0;
console.log(`Imported ${report.added.toLocaleString("en-US")} numbers in ${s(importMs)} s (${report.invalid_count} refused).`);

// An upload of 100k rows, one in ten of them on the list.
const uploadCsv = writeFile(
  "upload.csv",
  "reference_id,target,name",
  UPLOAD_ROWS,
  (i) => `r${i},${i % 10 === 0 ? e164(i * 7) : `+1555${String(i).padStart(7, "0")}`},n${i}`,
);
const t1 = performance.now();
const [checkPeak, filtered] = await peakRss(() => withoutSuppressedRows(uploadCsv, 42));
const checkMs = performance.now() - t1;
await filtered.dispose();
console.log(`Checked a ${UPLOAD_ROWS.toLocaleString("en-US")}-row upload in ${s(checkMs)} s: ${filtered.suppressed.toLocaleString("en-US")} suppressed.`);

const single: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await checkNumber(national(i * 4_999), null);
  single.push(performance.now() - t);
}
single.sort((a, b) => a - b);
const checkP95 = Math.round(single[Math.floor(single.length * 0.95)]! * 10) / 10;

const result = {
  at: new Date().toISOString(),
  store: "sqlite",
  list_numbers: report.added,
  import: { rows: report.rows, seconds: s(importMs), rows_per_s: Math.round(report.rows / (importMs / 1000)), rss_growth_mb: mb(importPeak - rssBefore) },
  upload_check: { rows: UPLOAD_ROWS, suppressed: filtered.suppressed, seconds: s(checkMs), rss_growth_mb: mb(checkPeak - rssBefore) },
  single_check_p95_ms: checkP95,
  goals: { import_seconds: 60, import_rss_mb: 150, upload_check_seconds: 2 },
};
console.table([
  { what: "import 1M numbers", figure: `${result.import.seconds} s`, goal: "≤ 60 s", met: result.import.seconds <= 60 ? "✔" : "✘" },
  { what: "RSS growth during import", figure: `${result.import.rss_growth_mb} MB`, goal: "≤ 150 MB", met: result.import.rss_growth_mb <= 150 ? "✔" : "✘" },
  { what: "check a 100k-row upload", figure: `${result.upload_check.seconds} s`, goal: "≤ 2 s", met: result.upload_check.seconds <= 2 ? "✔" : "✘" },
  { what: "check one number (p95)", figure: `${checkP95} ms`, goal: "", met: "" },
]);
console.log(`Written to ${writeResult("suppression.json", result)}`);
await store.close();
fs.rmSync(root, { recursive: true, force: true });

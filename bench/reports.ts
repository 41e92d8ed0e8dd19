// Benchmark: an outcome report over 30 days of 1,000,000 results (10 batches of 100,000, three line
// types), on the console's store: SQLite in a temporary folder, or a throwaway Postgres
// (`postgres` argument). It measures:
// - tallying the million results as a read streams them (what every results read now does);
// - writing the tallies (replaceBatch per batch);
// - the report by day, hour, hour of week (in America/New_York), campaign, batch and line type:
//   median and worst of 5 runs each.
// Goal (issue 29): each report ≤ 1 s on both dialects.
// Run: npm run bench:reports (both dialects, one process each).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgres } from "../tests/support/postgres";
import { writeResult } from "./support/seeded-console";

const dialect = process.argv[2] === "postgres" ? "postgres" : "sqlite";
const root = fs.mkdtempSync(path.join(os.tmpdir(), "oc-reports-bench-"));
process.env.DATA_DIR = path.join(root, "console");
// A sandbox for the campaigns' names (the report by campaign carries them, from the console's cached campaign list).
const { createSandbox } = await import("../sandbox/server");
const sandbox = await createSandbox({ dataDir: path.join(root, "sandbox"), speed: 0, seed: true, apiKey: "sandbox" });
process.env.SANDBOX_PORT = new URL((await sandbox.listen(0)).url).port;
delete process.env.SYLLABLE_API_KEY;
const cluster = dialect === "postgres" ? await startPostgres() : null;
if (cluster) process.env.DATABASE_URL = cluster.createDatabase("reports");
else delete process.env.DATABASE_URL;
const { getStore } = await import("../lib/server/store");
const { BucketTally } = await import("../lib/domain/report-metrics");
const { outcomeReport } = await import("../lib/server/reports/outcomes");

const BATCHES = 10;
const PER_BATCH = 100_000;
const DAYS = 30;
const now = Date.now();
const start = now - DAYS * 86_400_000;
const CHANNELS = ["COMPLETED", "HUMAN", "MACHINE", "NO-ANSWER", "BUSY", "FAILED"];
const LINES = ["mobile", "landline", "voip"];
const ms = (n: number) => Math.round(n * 10) / 10;

const store = getStore();
let tallyMs = 0;
let writeMs = 0;
let buckets = 0;
for (let b = 0; b < BATCHES; b++) {
  const tally = new BucketTally();
  const t = performance.now();
  for (let i = 0; i < PER_BATCH; i++) {
    const k = b * PER_BATCH + i;
    const channel = CHANNELS[(k * 7) % CHANNELS.length]!;
    tally.add({
      request_status: channel === "COMPLETED" || channel === "HUMAN" ? "COMPLETED" : "FAILED",
      channel_manager_status: channel,
      attempt_count: 1 + (k % 3),
      sent_at: new Date(start + (((k * 2_592_000_000) / (BATCHES * PER_BATCH)) % (DAYS * 86_400_000))).toISOString(),
      line_type: LINES[k % LINES.length],
    });
  }
  tallyMs += performance.now() - t;
  const w = performance.now();
  await store.reports.replaceBatch(`bench-${b}`, 1 + (b % 3), [...tally.rows.values()]);
  writeMs += performance.now() - w;
  buckets += tally.rows.size;
}
console.log(`${dialect}: tallied ${(BATCHES * PER_BATCH).toLocaleString("en-US")} results in ${ms(tallyMs)} ms; wrote ${buckets} buckets in ${ms(writeMs)} ms`);

const from = new Date(start).toISOString().slice(0, 10);
const to = new Date(now).toISOString().slice(0, 10);
const reports: Record<string, { median_ms: number; max_ms: number; rows: number }> = {};
for (const group_by of ["day", "hour", "hour_of_week", "campaign", "batch", "line_type"] as const) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await outcomeReport({ from, to, tz: "America/New_York", group_by });
    times.push(performance.now() - t);
    rows = r.rows.length;
    if (r.totals.requests !== BATCHES * PER_BATCH) throw new Error(`The ${group_by} report counts ${r.totals.requests} requests`);
  }
  times.sort((a, b) => a - b);
  reports[group_by] = { median_ms: ms(times[2]!), max_ms: ms(times[4]!), rows };
}
console.table(
  Object.entries(reports).map(([by, r]) => ({
    report: `by ${by}`,
    rows: r.rows,
    "median ms": r.median_ms,
    "max ms": r.max_ms,
    "≤ 1 s": r.max_ms <= 1000 ? "✔" : "✘",
  })),
);
const result = {
  at: new Date().toISOString(),
  store: dialect,
  results: BATCHES * PER_BATCH,
  days: DAYS,
  tally_ms: ms(tallyMs),
  tally_ns_per_result: Math.round((tallyMs * 1e6) / (BATCHES * PER_BATCH)),
  buckets,
  write_ms: ms(writeMs),
  reports,
  goal_ms: 1000,
};
console.log(`Written to ${writeResult(`reports-${dialect}.json`, result)}`);
await store.close();
await sandbox.close();
cluster?.remove();
fs.rmSync(root, { recursive: true, force: true });

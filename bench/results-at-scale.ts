// Benchmark: batch results at 100k and at 1M rows, side by side in one run. The sandbox runs in
// its own process (SANDBOX_SEED_HUGE=1, 50 ms latency, clock frozen so the counts hold still);
// the console's results code runs in this process with its SQLite store in a temporary folder,
// so this process's RSS is the console's. Measured per batch: the upstream answer alone, the
// console's first page after it (the read into the store), next pages, sorts, searches, facet
// counts, CSV export rows/s and RSS growth.
// Run: npm run bench:results (node --expose-gc, tsx, --conditions=react-server).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SEED } from "../sandbox/seed";
import { freePort } from "../tests/support/free-port";
import { writeResult } from "./support/seeded-console";

const root = mkdtempSync(path.join(os.tmpdir(), "oc-results-bench-"));
const port = await freePort();
const LATENCY_MS = 50;

// ---- the sandbox, in its own process -----------------------------------------------------------
console.log("Seeding the sandbox (a million requests take a while)…");
// One process (tsx as a loader, not its CLI's child process), so stopping it stops the sandbox.
const sandbox = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
  env: {
    ...process.env,
    SANDBOX_PORT: String(port),
    DATA_DIR: path.join(root, "sandbox"),
    SANDBOX_SEED_HUGE: "1",
    SANDBOX_SPEED: "0",
    SANDBOX_FAULT_LATENCY_MS: String(LATENCY_MS),
  },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  sandbox.stdout.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
  sandbox.on("exit", (code) => reject(new Error(`The sandbox stopped (${code})`)));
});
const url = `http://127.0.0.1:${port}`;

// ---- the console, in this process ---------------------------------------------------------------
delete process.env.SYLLABLE_API_KEY;
process.env.SANDBOX_PORT = String(port);
process.env.DATA_DIR = path.join(root, "console");
process.env.SYLLABLE_TIMEOUT_MS = "60000";
const { pageResults, exportResults, shownResultSet } = await import("../lib/server/results/service");
const { getStore } = await import("../lib/server/store");

const ms = (n: number) => Math.round(n * 10) / 10;
const mb = (n: number) => Math.round(n / 1024 / 1024);
const p95 = (xs: number[]) => ms([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!);
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
};

/** The highest RSS seen while `fn` runs (sampled every 20 ms). */
async function peakRss<T>(fn: () => Promise<T>): Promise<[number, T]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const v = await fn();
    return [Math.max(peak, process.memoryUsage().rss), v];
  } finally {
    clearInterval(timer);
  }
}

async function measure(batchId: string) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  // 1. The upstream alone: the answer, drained.
  const [upstreamMs, bytes] = await time(async () => {
    const res = await fetch(`${url}/api/v1/outbound/batches/${batchId}/results`, { headers: { "Syllable-API-Key": "sandbox" } });
    let n = 0;
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) n += r.value.length;
    return n;
  });
  // 2. The console's first page (shown as the first rows are stored), and the whole read into the store.
  const started = performance.now();
  const [importPeak, [firstMs, first, wholeMs]] = await peakRss(async () => {
    const page = await pageResults(batchId, { page: 1, limit: 50 });
    const firstAt = performance.now() - started;
    await shownResultSet(batchId, { whole: true });
    return [firstAt, page, performance.now() - started] as const;
  });
  const rows = (await getStore().results.set(batchId))!.rowCount;
  const pages = Math.ceil(rows / 50);
  const [pagingPeak, timings] = await peakRss(async () => {
    // 3. Next pages, anywhere in the set.
    const next: number[] = [];
    for (let i = 0; i < 40; i++)
      next.push((await time(() => pageResults(batchId, { page: 1 + Math.floor(Math.random() * Math.min(pages, 2_000)), limit: 50 })))[0]);
    // 4. Sorts: each column's first page and a later one, both directions.
    const sorts: number[] = [];
    for (const sort of ["target", "sent_at", "attempt_count", "reference_id", "request_status", "channel_manager_status"] as const)
      for (const dir of ["asc", "desc"] as const)
        for (const page of [1, 40]) sorts.push((await time(() => pageResults(batchId, { page, limit: 50, sort, dir })))[0]);
    // 5. Searches, each a new text (no count cached).
    const searches: number[] = [];
    for (let i = 0; i < 20; i++)
      searches.push(
        (
          await time(() =>
            pageResults(batchId, {
              page: 1,
              limit: 50,
              q: `ref-${String(i * 7919)
                .padStart(6, "0")
                .slice(0, 5)}`,
            }),
          )
        )[0],
      );
    // 6. Facet counts, as a new generation of rows needs them (the service keeps them per generation).
    const set = (await getStore().results.set(batchId))!;
    const facets: number[] = [];
    for (let i = 0; i < 10; i++) facets.push((await time(() => getStore().results.facets(batchId, set.generation)))[0]);
    // Filters on the outcome facet (index) and on status, first pages.
    const filters: number[] = [];
    for (const channel_status of ["HUMAN", "NO-ANSWER", "MACHINE,BUSY", "VOICEMAIL"])
      filters.push((await time(() => pageResults(batchId, { page: 1, limit: 50, channel_status, sort: "sent_at", dir: "desc" })))[0]);
    return { next, sorts, searches, facets, filters };
  });
  // 7. The CSV export, drained as fast as it comes.
  const [exportPeak, [exportMs, exported]] = await peakRss(() =>
    time(async () => {
      const { csv } = await exportResults(batchId, {});
      let lines = 0;
      const reader = csv.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) for (let i = r.value.indexOf(10); i >= 0; i = r.value.indexOf(10, i + 1)) lines++;
      return lines - 1;
    }),
  );
  return {
    rows,
    upstream_mb: mb(bytes),
    upstream_ms: ms(upstreamMs),
    first_page_ms: ms(firstMs),
    first_page_while_reading: first.reading !== null,
    first_page_after_upstream_ms: ms(firstMs - upstreamMs),
    whole_read_ms: ms(wholeMs),
    whole_read_after_upstream_ms: ms(wholeMs - upstreamMs),
    import_rows_per_s: Math.round(rows / (wholeMs / 1000)),
    next_page_p95_ms: p95(timings.next),
    sort_p95_ms: p95(timings.sorts),
    search_p95_ms: p95(timings.searches),
    facets_p95_ms: p95(timings.facets),
    outcome_filter_p95_ms: p95(timings.filters),
    export_rows: exported,
    export_rows_per_s: Math.round(exported / (exportMs / 1000)),
    rss_growth_mb: { import: mb(importPeak - rssBefore), paging: mb(pagingPeak - rssBefore), export: mb(exportPeak - rssBefore) },
  };
}

const at100k = await measure(SEED.batches.big);
const at1m = await measure(SEED.hugeBatch);
const result = { at: new Date().toISOString(), node: process.version, upstream_latency_ms: LATENCY_MS, store: "SQLite", "100k": at100k, "1M": at1m };
const file = writeResult("results-at-scale.json", result);

const row = (label: string, a: unknown, b: unknown) => `  ${label.padEnd(34)}${String(a).padStart(14)}${String(b).padStart(14)}`;
console.log(`Batch results at scale (SQLite store, upstream latency ${LATENCY_MS} ms)
${row("", "100k", "1M")}
${row("upstream answer (MB)", at100k.upstream_mb, at1m.upstream_mb)}
${row("upstream alone (ms)", at100k.upstream_ms, at1m.upstream_ms)}
${row("first page (ms)", at100k.first_page_ms, at1m.first_page_ms)}
${row("  … shown while reading", at100k.first_page_while_reading, at1m.first_page_while_reading)}
${row("  … after upstream alone (ms)", at100k.first_page_after_upstream_ms, at1m.first_page_after_upstream_ms)}
${row("whole read into the store (ms)", at100k.whole_read_ms, at1m.whole_read_ms)}
${row("  … after upstream alone (ms)", at100k.whole_read_after_upstream_ms, at1m.whole_read_after_upstream_ms)}
${row("read into the store (rows/s)", at100k.import_rows_per_s, at1m.import_rows_per_s)}
${row("next page p95 (ms)", at100k.next_page_p95_ms, at1m.next_page_p95_ms)}
${row("sort p95 (ms)", at100k.sort_p95_ms, at1m.sort_p95_ms)}
${row("search p95 (ms)", at100k.search_p95_ms, at1m.search_p95_ms)}
${row("facet counts p95 (ms)", at100k.facets_p95_ms, at1m.facets_p95_ms)}
${row("outcome filter p95 (ms)", at100k.outcome_filter_p95_ms, at1m.outcome_filter_p95_ms)}
${row("CSV export (rows/s)", at100k.export_rows_per_s, at1m.export_rows_per_s)}
${row("RSS growth: import (MB)", at100k.rss_growth_mb.import, at1m.rss_growth_mb.import)}
${row("RSS growth: paging (MB)", at100k.rss_growth_mb.paging, at1m.rss_growth_mb.paging)}
${row("RSS growth: export (MB)", at100k.rss_growth_mb.export, at1m.rss_growth_mb.export)}
  → ${file}`);

await getStore().close();
sandbox.kill("SIGTERM");
rmSync(root, { recursive: true, force: true });
process.exit(0);

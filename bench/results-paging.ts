// Benchmark: paging through a 100,000-request batch's results on the console server.
// Run: node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/results-paging.ts
// (npm run bench). Starts an in-process seeded sandbox, then measures through the same
// lib/server code the /api/batches/{id}/results handler uses (auth is not part of the measure).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sandboxForInProcessConsole } from "./support/in-process-console";
import { SEED } from "../sandbox/seed";

const sandbox = await sandboxForInProcessConsole();
const { url } = sandbox;
process.env.SYLLABLE_TIMEOUT_MS = "60000";

const { pageResults: pageBatchResults, forgetResults } = await import("../lib/server/results/service");
const invalidateBatch = (id: string, _opts: { results: boolean }) => forgetResults(id);
const batchId = SEED.batches.big;
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const ms = (n: number) => Math.round(n * 10) / 10;
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

global.gc?.();
const memBefore = process.memoryUsage();

// 1. The upstream alone: the sandbox serialising 100k results and the body arriving.
const [upstreamMs, bytes] = await time(async () => {
  const res = await fetch(`${url}/api/v1/outbound/batches/${batchId}/results`, { headers: { "Syllable-API-Key": "sandbox" } });
  return (await res.arrayBuffer()).byteLength;
});

// 2. Cold first page through the console (upstream + parse + page).
await invalidateBatch(batchId, { results: true });
const [coldMs, first] = await time(() => pageBatchResults(batchId, { page: 1, limit: 50 }));
const memAfter = process.memoryUsage();

// 3. Further pages (warm cache), default order.
const pageTimes: number[] = [];
for (let i = 0; i < 50; i++) {
  const page = 1 + Math.floor(Math.random() * first.total_pages);
  pageTimes.push((await time(() => pageBatchResults(batchId, { page, limit: 50 })))[0]);
}
// 4. A new sort (sorts 100k once), then paging that sort.
const [sortFirstMs] = await time(() => pageBatchResults(batchId, { page: 1, limit: 50, sort: "target", dir: "desc" }));
const sortedPages: number[] = [];
for (let i = 2; i < 22; i++) sortedPages.push((await time(() => pageBatchResults(batchId, { page: i, limit: 50, sort: "target", dir: "desc" })))[0]);
// 5. A free-text filter over target/reference/variables.
const [filterMs, filtered] = await time(() => pageBatchResults(batchId, { page: 1, limit: 50, q: "ana", status: "COMPLETED" }));
// 6. Concurrent cold requests coalesce into one upstream call.
await invalidateBatch(batchId, { results: true });
let upstreamResultCalls = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  if (String(input instanceof Request ? input.url : input).includes("/results")) upstreamResultCalls++;
  return realFetch(input, init);
};
const [concurrentMs] = await time(() => Promise.all(Array.from({ length: 5 }, (_, i) => pageBatchResults(batchId, { page: i + 1, limit: 50 }))));

const result = {
  at: new Date().toISOString(),
  node: process.version,
  rows: first.total_count,
  upstream_body_mb: mb(bytes),
  upstream_fetch_ms: ms(upstreamMs),
  cold_first_page_ms: ms(coldMs),
  first_page_after_upstream_ms: ms(Math.max(0, coldMs - upstreamMs)),
  warm_page_ms: { median: ms(median(pageTimes)), p95: ms(p95(pageTimes)), n: pageTimes.length },
  new_sort_first_page_ms: ms(sortFirstMs),
  sorted_page_ms: { median: ms(median(sortedPages)), p95: ms(p95(sortedPages)) },
  filter_first_page_ms: ms(filterMs),
  filter_matches: filtered.total_count,
  five_concurrent_cold_ms: ms(concurrentMs),
  five_concurrent_cold_upstream_calls: upstreamResultCalls,
  heap_used_mb: { before: mb(memBefore.heapUsed), after_cache: mb(memAfter.heapUsed), delta: mb(memAfter.heapUsed - memBefore.heapUsed) },
  rss_mb: { before: mb(memBefore.rss), after_cache: mb(memAfter.rss) },
};

const outDir = path.join(import.meta.dirname, "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "results-paging.json"), JSON.stringify(result, null, 2) + "\n");
console.log(`Results paging, ${result.rows.toLocaleString("en-US")} rows (${result.upstream_body_mb} MB JSON)
  upstream fetch:               ${result.upstream_fetch_ms} ms
  cold first page (total):      ${result.cold_first_page_ms} ms  (~${result.first_page_after_upstream_ms} ms after the upstream answered)
  further pages (warm):         median ${result.warm_page_ms.median} ms, p95 ${result.warm_page_ms.p95} ms
  new sort, first page:         ${result.new_sort_first_page_ms} ms; then median ${result.sorted_page_ms.median} ms/page
  filter q+status, first page:  ${result.filter_first_page_ms} ms (${result.filter_matches} matches)
  5 concurrent cold requests:   ${result.five_concurrent_cold_ms} ms (${result.five_concurrent_cold_upstream_calls} upstream call(s))
  heap: ${result.heap_used_mb.before} → ${result.heap_used_mb.after_cache} MB (+${result.heap_used_mb.delta} MB for one cached batch); rss ${result.rss_mb.after_cache} MB
  → bench/results/results-paging.json`);

await sandbox.close();
process.exit(0);

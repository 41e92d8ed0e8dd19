// Benchmark: upstream calls per poll on the batch detail path (GET /api/batches/{id}), with many
// supervisors watching one batch. Run: npm run bench:polling. An in-process sandbox with 50 ms
// latency; pollers call the same lib/server code the handler uses, each every 2 s, phases offset
// at random; every upstream request is counted at fetch.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sandboxForInProcessConsole } from "./support/in-process-console";
import { SEED } from "../sandbox/seed";

const POLLERS = Number(process.env.POLLERS ?? 200);
const EVERY_MS = 2000;
const DURATION_MS = Number(process.env.DURATION_MS ?? 20_000);

const sandbox = await sandboxForInProcessConsole({ latencyMs: 50 });
const { url } = sandbox;

let upstreamCalls = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  if (String(input instanceof Request ? input.url : input).startsWith(url.replace(/\/$/, ""))) upstreamCalls++;
  return realFetch(input, init);
};

const { readBatchDetail } = await import("../lib/server/batches/service");
const { loadBatchDetail } = await import("../lib/server/live/batch-detail");
const { createTtlCache } = await import("../lib/server/batches/ttl-cache");
const batchId = SEED.batches.payments;

async function run(
  label: string,
  load: (id: string) => Promise<unknown>,
): Promise<{ label: string; polls: number; upstream_calls: number; calls_per_poll: number; p50_ms: number }> {
  await load(batchId); // warm the campaign index, like a running console
  upstreamCalls = 0;
  let polls = 0;
  const latencies: number[] = [];
  const end = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: POLLERS }, async () => {
      await new Promise((r) => setTimeout(r, Math.random() * EVERY_MS));
      while (Date.now() < end) {
        const t = performance.now();
        await load(batchId);
        latencies.push(performance.now() - t);
        polls++;
        await new Promise((r) => setTimeout(r, EVERY_MS));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    label,
    polls,
    upstream_calls: upstreamCalls,
    calls_per_poll: Math.round((upstreamCalls / polls) * 1000) / 1000,
    p50_ms: Math.round(latencies[Math.floor(latencies.length / 2)]!),
  };
}

// Before: every poll read Syllable; only reads in flight at the same moment were shared.
const inFlightOnly = createTtlCache<string, unknown>({ ttlMs: 0, max: 10 });
const before = await run("before: each poll reads, in-flight reads shared", (id) => inFlightOnly.get(id, () => readBatchDetail(id)));
const after = await run(`now: the live engine (one read per ${process.env.LIVE_POLL_MS ?? 5000} ms per batch)`, loadBatchDetail);

const result = {
  pollers: POLLERS,
  every_ms: EVERY_MS,
  duration_ms: DURATION_MS,
  upstream_latency_ms: 50,
  before,
  after,
  ratio: Math.round((after.calls_per_poll / before.calls_per_poll) * 1000) / 1000,
};
const outDir = path.join(import.meta.dirname, "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "detail-polling.json"), JSON.stringify(result, null, 2) + "\n");
for (const r of [before, after])
  console.log(`${r.label}: ${r.polls} polls, ${r.upstream_calls} upstream calls = ${r.calls_per_poll} per poll, p50 ${r.p50_ms} ms`);
console.log(`ratio now/before: ${result.ratio}  → bench/results/detail-polling.json`);
await sandbox.close();
process.exit(0);

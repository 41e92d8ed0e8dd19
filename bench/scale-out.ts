// Benchmark: the same load against one console instance and against two behind HAProxy, both on
// one Postgres (deploy/haproxy.cfg; a fresh cluster for each run). The sandbox (50 ms latency)
// sits behind a counting proxy. Load, for DURATION_S (60): 200 pollers (GET /api/batches/{id}
// every 2 s) and 100 SSE clients, spread over 5 active batches. Reports errors, upstream calls
// two/one (goal ≤ 1.05) and poll latency p50/p99 two/one. Writes bench/results/scale-out.json.
// Run: npm run bench:scale-out (builds .next-e2e when there is none).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandbox } from "../sandbox/server";
import { SEED } from "../sandbox/seed";
import { startCluster } from "../e2e/support/cluster";
import { startCountingProxy } from "./support/counting-proxy";
import { ensureE2eBuild } from "./support/seeded-console";

const DURATION_S = Number(process.env.DURATION_S ?? 60);
const POLLERS = 200;
const SSE_CLIENTS = 100;
const BATCHES = 5;
const CADENCE_MS = 5000;
const root = path.resolve(import.meta.dirname, "..");
const step = (what: string) => console.error(`[scale-out] ${what}`);

ensureE2eBuild();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oc-scale-"));
const sandbox = await createSandbox({ dataDir: path.join(tmp, "sandbox"), speed: 0, seed: true, apiKey: "sandbox", faults: { latency_ms: 50 } });
const { url: sandboxUrl } = await sandbox.listen(0);
const api = (method: string, p: string, body?: unknown) =>
  fetch(`${sandboxUrl.replace(/\/$/, "")}/api/v1/outbound${p}`, {
    method,
    headers: { "Syllable-API-Key": "sandbox", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const batchIds = Array.from({ length: BATCHES }, (_, i) => `scale-bench-${i}`);
for (const id of batchIds) {
  await api("POST", "/batches", { batch_id: id, campaign_id: SEED.campaigns.alwaysOn, paused: false, call_rate: 60 });
  for (let r = 0; r < 20; r++)
    await api("POST", `/batches/${id}/requests`, { reference_id: `${id}-${r}`, target: `+1512559${String(1000 + r)}`, request_variables: {} });
}
const detailPaths = new Set(batchIds.map((id) => `/api/v1/outbound/batches/${id}`));
let upstreamDetail = 0;
let upstreamAll = 0;
const proxy = await startCountingProxy(sandboxUrl, (_, p) => {
  upstreamAll++;
  if (detailPaths.has(p)) upstreamDetail++;
});

const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
const USER = { email: "bench@example.com", role: "supervisor", password: "amber-valley-kite-123" };

async function run(instances: number) {
  step(`${instances} instance(s): starting Postgres, the console(s) and HAProxy`);
  const c = await startCluster({
    n: instances,
    users: [USER],
    env: { SYLLABLE_BASE_URL: proxy.url, SYLLABLE_API_KEY: "sandbox", LIVE_POLL_MS: String(CADENCE_MS), LIVE_IDLE_POLL_MS: "60000", STREAMS_PER_USER: "1000" },
  });
  try {
    const login = await fetch(`${c.lbUrl}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: c.lbUrl },
      body: JSON.stringify({ email: USER.email, password: USER.password }),
    });
    if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
    const auth = {
      Cookie: login.headers
        .getSetCookie()
        .map((x) => x.split(";")[0])
        .join("; "),
      Origin: c.lbUrl,
    };
    for (const id of batchIds) await fetch(`${c.lbUrl}/api/batches/${id}`, { headers: auth }); // every batch known and watched
    await new Promise((r) => setTimeout(r, CADENCE_MS + 500));
    step(`${instances} instance(s): load for ${DURATION_S} s`);
    upstreamDetail = 0;
    upstreamAll = 0;
    let errors = 0;
    let events = 0;
    const latencies: number[] = [];
    const end = Date.now() + DURATION_S * 1000;
    const streams = Array.from({ length: SSE_CLIENTS }, async (_, i) => {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), Math.max(0, end - Date.now()));
      try {
        const r = await fetch(`${c.lbUrl}/api/batches/${batchIds[i % BATCHES]}/events`, { headers: auth, signal: ac.signal });
        if (r.status !== 200) return void errors++;
        const reader = r.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          events += (new TextDecoder().decode(value).match(/event: batch/g) ?? []).length;
        }
      } catch (err) {
        if ((err as Error).name !== "AbortError") errors++;
      } finally {
        clearTimeout(timer);
      }
    });
    const pollers = Array.from({ length: POLLERS }, async (_, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * 2000));
      while (Date.now() < end) {
        const t = performance.now();
        try {
          const r = await fetch(`${c.lbUrl}/api/batches/${batchIds[i % BATCHES]}`, { headers: auth });
          await r.arrayBuffer();
          if (r.ok) latencies.push(performance.now() - t);
          else errors++;
        } catch {
          errors++;
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    });
    await Promise.all([...streams, ...pollers]);
    return {
      instances,
      polls: latencies.length,
      sse_events: events,
      errors,
      upstream_detail_calls: upstreamDetail,
      upstream_calls: upstreamAll,
      p50_ms: round(percentile(latencies, 0.5), 1),
      p99_ms: round(percentile(latencies, 0.99), 1),
    };
  } finally {
    c.stop();
  }
}

const one = await run(1);
const two = await run(2);
const result = {
  when: new Date().toISOString(),
  duration_s: DURATION_S,
  load: { pollers: POLLERS, poll_every_ms: 2000, sse_clients: SSE_CLIENTS, batches: BATCHES, cadence_ms: CADENCE_MS, upstream_latency_ms: 50 },
  one,
  two,
  ratios: {
    upstream_detail_calls: round(two.upstream_detail_calls / Math.max(1, one.upstream_detail_calls)),
    upstream_calls: round(two.upstream_calls / Math.max(1, one.upstream_calls)),
    p50: round(two.p50_ms / one.p50_ms),
    p99: round(two.p99_ms / one.p99_ms),
  },
  goals: { errors: 0, upstream_calls_two_over_one: 1.05 },
};
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "scale-out.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`Scale-out (${DURATION_S} s each; ${POLLERS} pollers every 2 s + ${SSE_CLIENTS} SSE clients on ${BATCHES} batches; cadence ${CADENCE_MS} ms; sandbox 50 ms)
  one instance:  ${one.polls} polls, ${one.sse_events} SSE events, ${one.errors} errors, upstream ${one.upstream_detail_calls} batch reads / ${one.upstream_calls} calls, p50 ${one.p50_ms} ms, p99 ${one.p99_ms} ms
  two instances: ${two.polls} polls, ${two.sse_events} SSE events, ${two.errors} errors, upstream ${two.upstream_detail_calls} batch reads / ${two.upstream_calls} calls, p50 ${two.p50_ms} ms, p99 ${two.p99_ms} ms
  two/one: batch reads ${result.ratios.upstream_detail_calls}, all calls ${result.ratios.upstream_calls} (goal ≤ 1.05), p50 ${result.ratios.p50}, p99 ${result.ratios.p99}
  → bench/results/scale-out.json`);
await proxy.close();
await sandbox.close();
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);

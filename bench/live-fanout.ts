// Benchmark: what many viewers of one batch cost Syllable, and what they wait, with the live
// engine. A real console (production build, live mode) talks to a sandbox (50 ms latency) through
// a counting proxy; viewers are real HTTP clients. Run: npm run bench (after a build; it builds
// .next-e2e when there is none). Writes bench/results/live-fanout.json.
//   A. 200 pollers, GET /api/batches/{id} every 2 s for DURATION_S: upstream calls per poll (goal ≤ 0.01)
//   B. 200 SSE subscribers for DURATION_S: upstream calls per minute (goal ≤ 60 s / cadence + 1)
//   C. 50 connections, closed loop, 10 s: console p50 / direct-to-sandbox p50 (goal ≤ 0.5);
//      FAST_LANE=0 measures the plain Next.js route handler instead of the fast lane
//   D. event delay: sandbox advances → an SSE client receives the new counts
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandbox } from "../sandbox/server";
import { SEED } from "../sandbox/seed";
import { addUser, freePort, signInHeaders, startConsole } from "../e2e/support/console-process";
import { startCountingProxy } from "./support/counting-proxy";

const DURATION_S = Number(process.env.DURATION_S ?? 60);
const POLLERS = 200;
const SUBSCRIBERS = 200;
const CADENCE_MS = 5000;
const root = path.resolve(import.meta.dirname, "..");
const distDir = ".next-e2e";

if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.log(`No build in ${distDir}/: building (a minute or two)…`);
  const b = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (b.status !== 0) process.exit(1);
}

console.error("[fanout] starting the sandbox");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oc-fanout-"));
const sandbox = await createSandbox({ dataDir: path.join(tmp, "sandbox"), speed: 0, seed: true, apiKey: "sandbox", faults: { latency_ms: 50 } });
const { url: sandboxUrl } = await sandbox.listen(0);
const batchId = SEED.batches.payments;
const detailPath = `/api/v1/outbound/batches/${batchId}`;

// The counting proxy: every request the console sends to Syllable passes here.
let detailCalls = 0;
const proxy = await startCountingProxy(sandboxUrl, (_, p) => {
  if (p === detailPath) detailCalls++;
});
const proxyUrl = proxy.url;

const env = {
  SYLLABLE_BASE_URL: proxyUrl,
  SYLLABLE_API_KEY: "sandbox",
  LIVE_POLL_MS: String(CADENCE_MS),
  LIVE_IDLE_POLL_MS: "60000",
  NEXT_DIST_DIR: distDir,
  STREAMS_PER_USER: "1000",
};
const dataDir = path.join(tmp, "console");
addUser(dataDir, "bench@example.com", "supervisor", "quiet-orbit-lantern-48", env);
const port = await freePort();
const consoleProc = await startConsole(dataDir, port, env);
const base = consoleProc.url;
const auth = await signInHeaders(base, "bench@example.com", "quiet-orbit-lantern-48");
const step = (what: string) => console.error(`[fanout] ${what}`);
step(`console on ${base}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

step("A: pollers");
// A. Pollers.
await fetch(`${base}/api/batches/${batchId}`, { headers: auth }); // warm: the engine knows the batch
await sleep(CADENCE_MS + 500);
detailCalls = 0;
let polls = 0;
const endA = Date.now() + DURATION_S * 1000;
await Promise.all(
  Array.from({ length: POLLERS }, async () => {
    await sleep(Math.random() * 2000);
    while (Date.now() < endA) {
      const r = await fetch(`${base}/api/batches/${batchId}`, { headers: auth });
      await r.arrayBuffer();
      if (r.ok) polls++;
      await sleep(2000);
    }
  }),
);
const pollCalls = detailCalls;

step("B: SSE subscribers");
// B. SSE subscribers.
await sleep(31_000); // the pollers' "watching" expires; the engine returns to the idle cadence
const streams: AbortController[] = [];
let received = 0;
for (let i = 0; i < SUBSCRIBERS; i++) {
  const ac = new AbortController();
  streams.push(ac);
  void fetch(`${base}/api/batches/${batchId}/events`, { headers: auth, signal: ac.signal })
    .then(async (r) => {
      const reader = r.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += (new TextDecoder().decode(value).match(/event: batch/g) ?? []).length;
      }
    })
    .catch(() => undefined);
}
await sleep(2000);
detailCalls = 0;
await sleep(DURATION_S * 1000);
const sseCallsPerMin = (detailCalls / DURATION_S) * 60;
for (const s of streams) s.abort();

step("C: 50 connections");
// C. 50 connections, closed loop: console vs Syllable (the sandbox) directly.
async function load(target: string, headers: Record<string, string>, seconds = 10): Promise<{ p50: number; rps: number }> {
  const lat: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        const r = await fetch(target, { headers });
        await r.arrayBuffer();
        lat.push(performance.now() - t);
      }
    }),
  );
  return { p50: round(median(lat), 1), rps: round(lat.length / seconds, 1) };
}
const viaConsole = await load(`${base}/api/batches/${batchId}`, auth);
const direct = await load(`${sandboxUrl.replace(/\/$/, "")}${detailPath}`, { "Syllable-API-Key": "sandbox" });

step("D: event delay");
// D. Event delay: the sandbox moves (dispatch); how long until a subscriber sees new counts.
// A batch on the always-on campaign (inside its calling window whatever the time), 300 contacts.
const sandboxApi = (method: string, p: string, body?: unknown) =>
  fetch(`${sandboxUrl.replace(/\/$/, "")}${p}`, {
    method,
    headers: { "Syllable-API-Key": "sandbox", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
await sandboxApi("DELETE", "/__sandbox/faults");
const moving = `fanout-${Date.now()}`;
await sandboxApi("POST", "/api/v1/outbound/batches", { batch_id: moving, campaign_id: SEED.campaigns.alwaysOn, paused: false, call_rate: 600 });
const csv = new FormData();
csv.append(
  "file",
  new Blob([`reference_id,target\n${Array.from({ length: 300 }, (_, i) => `f${i},+1512556${String(1000 + i)}`).join("\n")}\n`], { type: "text/csv" }),
  "fanout.csv",
);
await fetch(`${sandboxUrl.replace(/\/$/, "")}/api/v1/outbound/batches/${moving}/upload_batch`, {
  method: "POST",
  headers: { "Syllable-API-Key": "sandbox" },
  body: csv,
});
await sandboxApi("POST", "/__sandbox/faults", { latency_ms: 50 });
const delays: number[] = [];
for (let i = 0; i < 5; i++) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 30_000);
  const r = await fetch(`${base}/api/batches/${moving}/events`, { headers: auth, signal: ac.signal });
  const reader = r.body!.getReader();
  let text = "";
  const firstCounts = async (): Promise<string> => {
    for (;;) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      const m = /event: batch\ndata: (.*)\n\n/.exec(text);
      if (m) {
        text = text.slice(m.index + m[0].length);
        return JSON.stringify((JSON.parse(m[1]!) as { status_counts: unknown }).status_counts);
      }
    }
  };
  const before = await firstCounts();
  const t = performance.now();
  await sandboxApi("POST", "/__sandbox/advance", { minutes: 2 });
  try {
    for (;;) if ((await firstCounts()) !== before) break;
    delays.push(performance.now() - t);
  } catch {
    step("an event did not arrive within 30 s");
  }
  clearTimeout(timer);
  ac.abort();
}

const result = {
  when: new Date().toISOString(),
  duration_s: DURATION_S,
  cadence_ms: CADENCE_MS,
  upstream_latency_ms: 50,
  // FAST_LANE=0 runs the console with every request through Next's routing (the plain route handler).
  fast_lane: process.env.FAST_LANE !== "0",
  pollers: { clients: POLLERS, every_ms: 2000, polls, upstream_detail_calls: pollCalls, calls_per_poll: round(pollCalls / polls, 4), goal: 0.01 },
  sse: { subscribers: SUBSCRIBERS, events_received: received, upstream_calls_per_minute: round(sseCallsPerMin, 1), goal: 60_000 / CADENCE_MS + 1 },
  get_50_connections: { console: viaConsole, direct, p50_ratio: round(viaConsole.p50 / direct.p50, 3), goal: 0.5 },
  event_delay_ms: {
    median: round(median(delays), 0),
    max: round(Math.max(...delays), 0),
    samples: delays.map((d) => Math.round(d)),
    note: `cadence ${CADENCE_MS} ms: expect about half of it on average`,
  },
};
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "live-fanout.json"), JSON.stringify(result, null, 2) + "\n");
console.log(`Live fan-out (${DURATION_S} s per phase, engine cadence ${CADENCE_MS} ms, sandbox latency 50 ms)
  A. ${POLLERS} pollers every 2 s: ${polls} polls, ${pollCalls} upstream calls = ${result.pollers.calls_per_poll} per poll (goal ≤ 0.01)
  B. ${SUBSCRIBERS} SSE subscribers: ${result.sse.upstream_calls_per_minute} upstream calls/min (goal ≤ ${result.sse.goal}); ${received} events delivered
  C. 50 connections GET /api/batches/{id}: console p50 ${viaConsole.p50} ms (${viaConsole.rps}/s) vs direct ${direct.p50} ms (${direct.rps}/s) = ${result.get_50_connections.p50_ratio} (goal ≤ 0.5)
  D. event delay after the sandbox moves: median ${result.event_delay_ms.median} ms, max ${result.event_delay_ms.max} ms
  → bench/results/live-fanout.json`);

consoleProc.child.kill("SIGTERM");
await sandbox.close();
await proxy.close();
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);

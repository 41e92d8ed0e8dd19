// What an operator sees of the running console: request ids, liveness and readiness, and the
// Prometheus metrics, through the real front server.
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { CONSOLE_URL } from "./support/env";
import { expect, test } from "./support/test";

const METRICS_TOKEN = "e2e-metrics-token-0123456789";

test("every answer carries a request id: a sane one sent by a proxy is kept, anything else replaced", async ({ request }) => {
  const fresh = (await request.get("/api/health/live")).headers()["x-request-id"];
  expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
  expect((await request.get("/login")).headers()["x-request-id"]).not.toBe(fresh);
  expect((await request.get("/api/health/live", { headers: { "X-Request-Id": "lb-7f3a.42" } })).headers()["x-request-id"]).toBe("lb-7f3a.42");
  const forged = (await request.get("/api/health/live", { headers: { "X-Request-Id": "x".repeat(300) } })).headers()["x-request-id"];
  expect(forged).toMatch(/^[0-9a-f-]{36}$/);
});

test("liveness and readiness", async ({ request }) => {
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/health");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ store: { ok: true }, upstream: { ok: true } });
});

test("metrics count what the front server answered and what the console asked Syllable, behind the token", async ({ page, request }) => {
  await signIn(page, "supervisor", `/batches/${SEED.batches.payments}`);
  await expect(page.getByRole("heading", { level: 1, name: SEED.batches.payments })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible(); // its event stream is open
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const scrape = async () => {
    const res = await request.get("/api/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status()).toBe(200);
    return res.text();
  };
  // The page's event stream counts once the server has opened it (the page may say "Live" a moment earlier).
  await expect.poll(scrape, { timeout: 10_000 }).toMatch(/console_sse_clients\{stream="batch"\} [1-9]/);
  const text = await scrape();
  expect(text).toMatch(/console_http_requests_total\{route="page",method="GET",status="200"\} [1-9]/);
  expect(text).toMatch(/console_http_request_duration_seconds_bucket\{le="[^"]+",route="\/api\/batches\/\{id\}\/results",method="GET"\}/);
  expect(text).toMatch(/console_upstream_calls_total\{operation="GET \/batches\/\{id\}",outcome="200"\} [1-9]/);
  expect(text).not.toContain(SEED.batches.payments);
});

test("an anonymous API answer in the error shape names its request id for the operator", async () => {
  const res = await fetch(`${CONSOLE_URL}/api/batches`);
  expect(res.status).toBe(401);
  expect(res.headers.get("x-request-id")).toBeTruthy();
});

test("logs are JSON lines, and every line written while serving a request names its id", async () => {
  test.setTimeout(60_000);
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const { addUser, freePort, signInHeaders, startConsole } = await import("./support/console-process");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-logs-"));
  // Syllable unreachable: serving the batch list logs why, inside the request.
  const deadUpstream = { SYLLABLE_BASE_URL: `http://127.0.0.1:${await freePort()}` };
  addUser(dataDir, "operator@example.com", "supervisor", "tidal-meadow-lantern-4", deadUpstream);
  const running = await startConsole(dataDir, await freePort(), deadUpstream);
  try {
    const headers = await signInHeaders(running.url, "operator@example.com", "tidal-meadow-lantern-4");
    await fetch(`${running.url}/api/batches`, { headers: { ...headers, "X-Request-Id": "trace-health-1" } });
    await expect
      .poll(
        () =>
          running
            .output()
            .split("\n")
            .some((l) => l.includes("trace-health-1") && l.includes('"msg":"request"')),
        { timeout: 10_000 },
      )
      .toBe(true);
    const lines = running
      .output()
      .split("\n")
      .filter((l) => l.trim());
    for (const line of lines) expect(() => JSON.parse(line), line.slice(0, 200)).not.toThrow();
    const mine = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.req_id === "trace-health-1");
    expect(mine.find((l) => l.msg === "request")).toMatchObject({ method: "GET", route: "/api/batches", status: "502" });
    expect(mine.some((l) => l.level === 50 && String(l.msg).includes("Syllable unreachable"))).toBe(true);
  } finally {
    running.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("live mode refuses to start without PUBLIC_URL, saying what to set (the sandbox does not need it)", async () => {
  const { spawnSync } = await import("node:child_process");
  const { freePort } = await import("./support/console-process");
  const path = await import("node:path");
  const fs = await import("node:fs");
  const os = await import("node:os");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-public-url-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: ".next-e2e",
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    SYLLABLE_API_KEY: "k",
    SYLLABLE_BASE_URL: "http://127.0.0.1:9",
  };
  delete env.PUBLIC_URL;
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { env, encoding: "utf8", timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stderr + r.stdout).toContain("Set PUBLIC_URL to the address people open the console at");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

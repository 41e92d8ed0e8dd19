// GET /api/metrics (Prometheus text, behind METRICS_TOKEN) and the request id sent upstream.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runWithRequest } from "@/lib/front-server/request-context";
import { resetConfigForTests } from "@/lib/server/env";
import { SEED } from "@/sandbox/seed";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import * as batchRoute from "@/app/api/batches/[batchId]/route";
import * as metricsRoute from "@/app/api/metrics/route";
import * as liveRoute from "@/app/api/health/live/route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

const TOKEN = "metrics-token-0123456789";
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: true });
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  resetConfigForTests();
  await h.close();
});

const scrape = (token?: string) => h.call(metricsRoute.GET, "/api/metrics", { role: null, headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe("GET /api/metrics", () => {
  it("is not there without METRICS_TOKEN (404), refuses a missing or wrong token (401), in the error shape", async () => {
    delete process.env.METRICS_TOKEN;
    resetConfigForTests();
    expect((await (await scrape(TOKEN)).json()).error.code).toBe("not_found");
    process.env.METRICS_TOKEN = TOKEN;
    resetConfigForTests();
    for (const bad of [undefined, "wrong-token-0123456789"]) {
      const res = await scrape(bad);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("with the token: upstream calls by operation and outcome with latency, store latency, engine and circuit gauges", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    resetConfigForTests();
    const batchId = SEED.batches.payments;
    expect((await h.call(batchRoute.GET, `/api/batches/${batchId}`, { role: "supervisor", params: { batchId } })).status).toBe(200);
    const res = await scrape(TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/console_upstream_calls_total\{operation="GET \/batches\/\{id\}",outcome="200"\} [1-9]/);
    expect(text).toMatch(/console_upstream_call_duration_seconds_bucket\{le="[^"]+",operation="GET \/batches\/\{id\}"\}/);
    expect(text).toMatch(/console_store_operation_duration_seconds_count\{operation="snapshots\.add",ok="true"\} [1-9]/);
    expect(text).toMatch(/console_live_batches [1-9]/);
    expect(text).toMatch(/console_result_rows\{what="rows"\} \d+/);
    expect(text).toContain("console_live_engine_lag_seconds");
    expect(text).toMatch(/console_upstream_circuit_open\{upstream="[^"]+"\} 0/);
    expect(text).toContain("console_process_cpu_seconds_total");
    // Ids never become labels (one series per route and operation).
    expect(text).not.toContain(batchId);
  });
});

describe("request ids", () => {
  it("a call made while serving a request carries its id to Syllable", async () => {
    const seen: Array<string | null> = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      if (String(input instanceof Request ? input.url : input).startsWith(h.sandboxUrl.replace(/\/$/, "")))
        seen.push(new Headers(init?.headers).get("x-request-id"));
      return realFetch(input, init);
    });
    try {
      const batchId = SEED.batches.paused;
      await runWithRequest({ requestId: "req-abc-123" }, () =>
        h.call(batchRoute.PATCH, `/api/batches/${batchId}`, { role: "manager", params: { batchId }, method: "PATCH", json: { call_rate: 30 } }),
      );
    } finally {
      spy.mockRestore();
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((id) => id === "req-abc-123")).toBe(true);
  });

  it("liveness answers without looking at anything", async () => {
    const res = await h.call(liveRoute.GET, "/api/health/live", { role: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

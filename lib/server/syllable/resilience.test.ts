import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { isApiError, type ApiError } from "../errors";
import { createCircuitBreaker } from "./circuit-breaker";
import { BREAKER_THRESHOLD, callUpstream, resetBreakersForTests } from "./http";
import { metrics } from "@/lib/observability/metrics";

// Retries and the breaker against a real HTTP server whose answers each test scripts: every
// request it receives is counted, so "retried twice" and "did not call at all" are facts.
let server: http.Server;
let baseUrl: string;
let script: Array<number | "hang">;
let received: string[];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    const next = script.length > 1 ? script.shift()! : script[0]!;
    if (next === "hang") return; // never answers
    res.writeHead(next, { "Content-Type": "application/json" });
    res.end(next < 300 ? JSON.stringify({ ok: true }) : JSON.stringify({ detail: "scripted" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  script = [200];
  received = [];
  resetBreakersForTests();
});

const okSchema = z.object({ ok: z.boolean() });
const call = (method: "GET" | "POST", timeoutMs = 3000) =>
  callUpstream({ baseUrl, apiKey: "k", timeoutMs }, { method, path: "/api/v1/outbound/batches", what: "The batch list" }, okSchema);
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error("expected a failure");
}

describe("GET retries", () => {
  it("retries a GET after 503 and 502 and returns the answer of the third try", async () => {
    script = [503, 502, 200];
    await expect(call("GET")).resolves.toEqual({ ok: true });
    expect(received).toHaveLength(3);
  });

  it("gives up after two retries with the last failure", async () => {
    script = [504, 503, 502, 200];
    const err = await failure(call("GET"));
    expect(err.code).toBe("upstream_failed");
    expect(err.message).toContain("HTTP 502");
    expect(received).toHaveLength(3);
  });

  it("never retries a write, whatever the failure", async () => {
    script = [503, 200];
    expect((await failure(call("POST"))).status).toBe(502);
    expect(received).toHaveLength(1);
  });

  it("does not retry answers that mean Syllable is up (404, 500)", async () => {
    script = [404, 200];
    expect((await failure(call("GET"))).code).toBe("not_found");
    script = [500, 200];
    received = [];
    expect((await failure(call("GET"))).code).toBe("upstream_failed");
    expect(received).toHaveLength(1);
  });

  it("does not retry after a timeout: the whole call stays within its budget", async () => {
    script = ["hang"];
    const started = Date.now();
    const err = await failure(call("GET", 600));
    expect(err.code).toBe("upstream_timeout");
    expect(received).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(600 + 400);
  });
});

describe("circuit breaker on the HTTP client", () => {
  it(`opens after ${BREAKER_THRESHOLD} failed calls in a row and then fails fast with 503, calling nobody`, async () => {
    script = [503];
    for (let i = 0; i < BREAKER_THRESHOLD; i++) expect((await failure(call("GET"))).status).toBe(502);
    const before = received.length;
    const err = await failure(call("GET"));
    expect(err.status).toBe(503);
    expect(err.code).toBe("upstream_unavailable");
    expect(err.message).toMatch(/Syllable is not answering/);
    expect(err.headers?.["Retry-After"]).toMatch(/^\d+$/);
    expect(received.length).toBe(before);
  });

  it("the metrics tell the truth: a fast failure is counted as circuit_open, and every transition of the breaker is counted", async () => {
    const metricValue = async (name: string, labels: Record<string, string>) => {
      const m = (await metrics().registry.getMetricsAsJSON()).find((x) => x.name === name);
      // Summed over the series that carry these labels (one per operation or upstream).
      return (m?.values ?? [])
        .filter((x) => Object.entries(labels).every(([k, val]) => (x.labels as Record<string, unknown>)[k] === val))
        .reduce((sum, x) => sum + x.value, 0);
    };
    const openedBefore = await metricValue("console_upstream_circuit_transitions_total", { to: "open" });
    const fastBefore = await metricValue("console_upstream_calls_total", { outcome: "circuit_open" });
    script = [503];
    for (let i = 0; i < BREAKER_THRESHOLD; i++) await failure(call("GET"));
    await failure(call("GET"));
    await failure(call("POST"));
    expect(await metricValue("console_upstream_circuit_transitions_total", { to: "open" })).toBe(openedBefore + 1);
    expect(await metricValue("console_upstream_calls_total", { outcome: "circuit_open" })).toBe(fastBefore + 2);
  });

  it("a 404 in between resets the count (Syllable answered)", async () => {
    script = [503];
    for (let i = 0; i < BREAKER_THRESHOLD - 1; i++) await failure(call("POST"));
    script = [404];
    await failure(call("POST"));
    script = [503];
    for (let i = 0; i < BREAKER_THRESHOLD - 1; i++) await failure(call("POST"));
    script = [200];
    await expect(call("POST")).resolves.toEqual({ ok: true });
  });
});

describe("createCircuitBreaker", () => {
  const outage = new Error("down");
  const isOutage = (e: unknown) => e === outage;
  function breaker() {
    let t = 0;
    const b = createCircuitBreaker({ threshold: 2, openMs: 1000, now: () => t, openError: () => new Error("open") });
    return { b, tick: (ms: number) => (t += ms), fail: () => b.run(() => Promise.reject(outage), isOutage).catch((e: Error) => e.message) };
  }

  it("half-opens after openMs: one probe at a time; success closes", async () => {
    const { b, tick, fail } = breaker();
    await fail();
    await fail();
    expect(b.state()).toBe("open");
    expect(await fail()).toBe("open");
    tick(1000);
    expect(b.state()).toBe("half-open");
    let release!: (v: string) => void;
    const probe = b.run(() => new Promise<string>((r) => (release = r)), isOutage);
    // While the probe is out, others still fail fast.
    await expect(b.run(async () => "second", isOutage)).rejects.toThrow("open");
    release("probe ok");
    await expect(probe).resolves.toBe("probe ok");
    expect(b.state()).toBe("closed");
  });

  it("reports every transition, including open → half-open, which happens with time alone", async () => {
    let t = 0;
    const seen: string[] = [];
    const b = createCircuitBreaker({
      threshold: 1,
      openMs: 1000,
      now: () => t,
      openError: () => new Error("open"),
      onTransition: (from, to) => seen.push(`${from}→${to}`),
    });
    await b.run(() => Promise.reject(outage), isOutage).catch(() => undefined);
    t += 1000;
    expect(b.state()).toBe("half-open");
    await b.run(async () => "ok", isOutage);
    expect(seen).toEqual(["closed→open", "open→half-open", "half-open→closed"]);
  });

  it("a failed probe opens it again for another period", async () => {
    const { b, tick, fail } = breaker();
    await fail();
    await fail();
    tick(1000);
    expect(await fail()).toBe("down");
    expect(b.state()).toBe("open");
    tick(999);
    expect(b.state()).toBe("open");
    tick(1);
    expect(b.state()).toBe("half-open");
  });
});

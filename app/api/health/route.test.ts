import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { metrics } from "@/lib/observability/metrics";
import { GET } from "./route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeoutMs: 500 });
});
afterAll(() => h.close());
afterEach(() => h.faults(null));

/** Calls to Syllable this process made so far (any operation, any outcome). */
const upstreamCalls = async () =>
  ((await metrics().registry.getMetricsAsJSON()).find((m) => m.name === "console_upstream_calls_total")?.values ?? []).reduce((s, v) => s + v.value, 0);
const health = async () => {
  const res = await h.call(GET, "/api/health", { role: null });
  return { status: res.status, body: await res.json() };
};

describe("GET /api/health", () => {
  it("reports sandbox mode and a reachable upstream to anyone (one probe when nothing is known yet)", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", mode: "sandbox", upstream: { ok: true }, store: { ok: true } });
    expect(body.upstream.latency_ms).toBeGreaterThanOrEqual(0);
    expect(Date.parse(body.upstream.checked_at)).toBeGreaterThan(0);
  });

  it("answers from what the instance already knows: 20 probes cost Syllable nothing, even while it hangs", async () => {
    await h.faults({ hang: true });
    const before = await upstreamCalls();
    for (let i = 0; i < 20; i++) expect((await health()).status).toBe(200);
    expect(await upstreamCalls()).toBe(before);
  });

  it("says degraded once the instance's own calls see Syllable failing, without details, but stays ready (200): every instance shares that upstream", async () => {
    await h.faults({ error_rate: 1, error_status: 500 });
    const { getSyllable } = await import("@/lib/server/syllable");
    await getSyllable()
      .listCampaigns({ page: 0, limit: 1 })
      .catch(() => undefined);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "degraded", mode: "sandbox", upstream: { ok: false }, store: { ok: true } });
    expect(Object.keys(body).sort()).toEqual(["mode", "status", "store", "upstream"]);
  });

  it("while draining after SIGTERM: 503 'draining', so the balancer sends people elsewhere (last: the flag stays for the process)", async () => {
    const { beginShutdown } = await import("@/lib/front-server/shutdown");
    await beginShutdown();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe("draining");
  });
});

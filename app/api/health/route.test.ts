import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { GET } from "./route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeoutMs: 500 });
});
afterAll(() => h.close());
afterEach(() => h.faults(null));

describe("GET /api/health", () => {
  it("reports sandbox mode and a reachable upstream to anyone", async () => {
    const res = await h.call(GET, "/api/health", { role: null });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", mode: "sandbox", upstream: { ok: true }, store: { ok: true } });
    expect(body.upstream.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("says degraded when Syllable fails, without details, but stays ready (200): every instance shares that upstream", async () => {
    await h.faults({ error_rate: 1, error_status: 500 });
    const res = await h.call(GET, "/api/health", { role: null });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "degraded", mode: "sandbox", upstream: { ok: false }, store: { ok: true } });
    expect(Object.keys(body).sort()).toEqual(["mode", "status", "store", "upstream"]);
  });

  it("says degraded when Syllable hangs, within the configured timeout", async () => {
    await h.faults({ hang: true });
    const res = await h.call(GET, "/api/health", { role: null });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.upstream.ok).toBe(false);
    expect(body.upstream.latency_ms).toBeLessThan(5000);
  });
});

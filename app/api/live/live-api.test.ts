// GET /api/live and /api/live/events against the seeded sandbox.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { SEED } from "@/sandbox/seed";
import type { OverviewRow } from "@/lib/domain/overview";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
let live: typeof import("./route");
let events: typeof import("./events/route");
let batch: typeof import("../batches/[batchId]/route");
beforeAll(async () => {
  process.env.LIVE_POLL_MS = "300";
  h = await startHarness({ seed: true });
  live = await import("./route");
  events = await import("./events/route");
  batch = await import("../batches/[batchId]/route");
});
afterAll(async () => {
  (await import("@/lib/server/live")).resetLiveEngineForTests();
  await h?.close();
});

type Overview = { batches: OverviewRow[]; totals: Record<string, number>; alerts: unknown[] };

describe("GET /api/live", () => {
  it("lists every active or paused batch with its progress, most in need of attention first, and totals", async () => {
    const res = await h.call(live.GET, "/api/live", { role: "supervisor" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Overview;
    const ids = body.batches.map((b) => b.batch_id);
    expect(ids).toEqual(expect.arrayContaining([SEED.batches.payments, SEED.batches.paused]));
    for (const b of body.batches) expect(["ACTIVE", "PAUSED"]).toContain(String(b.status).toUpperCase());
    const paused = body.batches.find((b) => b.batch_id === SEED.batches.paused)!;
    expect(paused.attention).toContain("paused");
    // Rows with a reason come before rows without one.
    const firstCalm = body.batches.findIndex((b) => b.attention.length === 0);
    if (firstCalm >= 0) expect(body.batches.slice(firstCalm).every((b) => b.attention.length === 0)).toBe(true);
    expect(body.totals.batches).toBe(body.batches.length);
    expect(body.totals.requests).toBe(body.batches.reduce((n, b) => n + b.total, 0));
  });

  it("filters by campaign and status; bad filters are 422", async () => {
    const byCampaign = (await (await h.call(live.GET, `/api/live?campaign=${SEED.campaigns.payments}`, { role: "supervisor" })).json()) as Overview;
    expect(byCampaign.batches.length).toBeGreaterThan(0);
    expect(byCampaign.batches.every((b) => b.campaign_id === SEED.campaigns.payments)).toBe(true);
    const paused = (await (await h.call(live.GET, "/api/live?status=PAUSED", { role: "supervisor" })).json()) as Overview;
    expect(paused.batches.every((b) => b.status === "PAUSED")).toBe(true);
    expect((await h.call(live.GET, "/api/live?status=DONE", { role: "supervisor" })).status).toBe(422);
  });

  it("the overview stream pushes a batch's new row when it changes", async () => {
    const controller = new AbortController();
    const res = await h.call(events.GET, "/api/live/events", { role: "supervisor", signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    await h.call(batch.PATCH, `/api/batches/${SEED.batches.payments}`, {
      role: "manager",
      method: "PATCH",
      params: { batchId: SEED.batches.payments },
      json: { paused: true },
    });
    let text = "";
    const end = Date.now() + 5000;
    while (!/event: batch\ndata: \{"batch_id":"seed-payments-0401".*"paused":true/.test(text) && Date.now() < end) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toMatch(/event: batch\ndata: \{"batch_id":"seed-payments-0401".*"paused":true/);
    controller.abort();
    await h.call(batch.PATCH, `/api/batches/${SEED.batches.payments}`, {
      role: "manager",
      method: "PATCH",
      params: { batchId: SEED.batches.payments },
      json: { paused: false },
    });
  });
});

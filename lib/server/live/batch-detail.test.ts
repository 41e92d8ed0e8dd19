import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

// Counts the console's real HTTP calls to Syllable for one batch's details.
let h: Harness;
let live: typeof import("./batch-detail");
const calls: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  h = await startHarness();
  live = await import("./batch-detail");
  const campaign = await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", {
    campaign_name: "Coalescing",
    campaign_variables: {},
    caller_id: "+15125550000",
    active_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    hourly_rate: 60,
  });
  await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: "watched", campaign_id: campaign.id, paused: true });
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes("/api/v1/outbound/batches/watched") && (init?.method ?? "GET") === "GET") calls.push(url);
    return realFetch(input, init);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h.close();
});

describe("batch details for many watchers", () => {
  it("concurrent loads of one batch share one upstream call", async () => {
    calls.length = 0;
    const all = await Promise.all(Array.from({ length: 20 }, () => live.loadBatchDetail("watched")));
    expect(all.every((d) => d.batch_id === "watched")).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("polls within one cadence are served from the live engine's memory: no upstream call", async () => {
    await live.refreshBatch("watched", { results: false });
    calls.length = 0;
    for (let i = 0; i < 50; i++) expect((await live.loadBatchDetail("watched")).batch_id).toBe("watched");
    expect(calls).toHaveLength(0);
  });

  it("a read-back after a write never joins a load that started before it", async () => {
    (await import("./index")).getLiveEngine().expireAll(); // the previous test's copy is still fresh
    calls.length = 0;
    const before = live.loadBatchDetail("watched"); // a watcher's poll, in flight
    await h.sandbox("PUT", "/api/v1/outbound/batches/watched", { paused: false });
    const after = await live.refreshBatch("watched", { results: false });
    await before;
    expect(after.paused).toBe(false);
    expect(calls).toHaveLength(2);
  });
});

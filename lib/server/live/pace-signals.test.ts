// The stall rule against the sandbox's real dialer, through the live engine and the alert store:
// a batch at 6 calls an hour runs an hour with no stall alert, while a batch at 600 an hour whose
// dialer stops inside its window is flagged within three expected gaps (3 × 6 s).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  (await import("@/lib/server/live")).resetLiveEngineForTests();
  await h?.close();
});

type Json = Record<string, unknown>;
const run = Date.now();

async function campaignAt(rate: number): Promise<number> {
  const c = await h.sandbox<Json>("POST", "/api/v1/outbound/campaigns", {
    campaign_name: `pace ${rate} ${run}`,
    mode: "voice",
    caller_id: "+15125550100",
    source: "+15125550100",
    daily_start_time: "00:00:00",
    daily_end_time: "23:59:59",
    hourly_rate: rate,
    retry_count: 0,
    campaign_variables: {},
    active_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  });
  return c.id as number;
}
async function runningBatch(id: string, campaignId: number, requests: number) {
  await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: id, campaign_id: campaignId, paused: false });
  for (let i = 0; i < requests; i++)
    await h.sandbox("POST", `/api/v1/outbound/batches/${id}/requests`, { reference_id: `r${i}`, target: `+1512559${String(1000 + i)}`, request_variables: {} });
}
/** One read by the live engine (snapshots and alerts, as in production); the batch's open stall alerts. */
async function read(id: string) {
  const { getLiveEngine } = await import("@/lib/server/live");
  const { getStore } = await import("@/lib/server/store");
  const state = await getLiveEngine().refresh(id);
  const stalled = (await getStore().alerts.list({ state: "open", batchId: id })).filter((a) => a.kind === "stalled");
  return { state, stalled };
}

describe("stall alerts follow the pace", () => {
  it("6 calls an hour: an hour of dialing one call every 10 minutes raises no stall", async () => {
    const id = `slow-${run}`;
    await runningBatch(id, await campaignAt(6), 20);
    for (let minute = 0; minute < 60; minute++) {
      await h.advance(1);
      const { state, stalled } = await read(id);
      expect(state.progress.not_dialing?.code ?? null, `minute ${minute}`).not.toBe("stalled");
      expect(stalled, `minute ${minute}`).toEqual([]);
    }
    const { state } = await read(id);
    expect(state.progress.total - state.progress.pending).toBeGreaterThanOrEqual(5); // it did dial, slowly
  }, 60_000);

  it("600 an hour: a dialer that stops inside the window is flagged three expected gaps (18 s) after its last dial, at the next read", async () => {
    const id = `fast-${run}`;
    await runningBatch(id, await campaignAt(600), 200);
    for (let i = 0; i < 5; i++) {
      await h.advance(0.1);
      expect((await read(id)).stalled).toEqual([]);
    }
    await h.sandbox("PUT", `/__sandbox/batches/${id}/stall`);
    let flaggedAfter: number | null = null;
    for (let step = 1; step <= 10 && flaggedAfter === null; step++) {
      await h.advance(0.1); // 6 s: one expected gap
      if ((await read(id)).stalled.length) flaggedAfter = step;
    }
    expect(flaggedAfter).not.toBeNull();
    // Three expected gaps (18 s) after the last dial, as seen by reads 6 s apart: the third read
    // after the stop, or the fourth when the last dial's snapshot was stamped a few ms after the
    // read's own clock (the console's estimate of Syllable's now moves with real time).
    expect(flaggedAfter!).toBeLessThanOrEqual(4);
    // Dialing again resolves it.
    await h.sandbox("DELETE", `/__sandbox/batches/${id}/stall`);
    await h.advance(0.1);
    expect((await read(id)).stalled).toEqual([]);
  }, 60_000);
});

// The scheduler against a real sandbox and a real Postgres (two instances share it): a start
// ahead holds a batch until its time, a person's pause is never released, recipients in New York
// are held at night and released in the morning, two instances send each transition once, a
// restart while held sends nothing, and a transition made late says by how much. The clock of a
// tick is passed in, so "later" needs no waiting.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { anyTimeCampaign } from "@/tests/support/campaign-body";
import { startPostgres, type PostgresCluster } from "@/tests/support/postgres";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import * as scheduleRoute from "@/app/api/batches/[batchId]/schedule/route";
import * as batchRoute from "@/app/api/batches/[batchId]/route";
import type { ScheduleView } from "@/lib/schemas/schedule";
import { tickAs } from "./scheduler";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
let cluster: PostgresCluster;
let campaign: number;
beforeAll(async () => {
  h = await startHarness();
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.createDatabase("scheduler");
  resetConfigForTests();
  campaign = (await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", anyTimeCampaign("Scheduled"))).id;
}, 120_000);
afterAll(async () => {
  await getStore().close();
  await h?.close();
  cluster?.remove();
  delete process.env.DATABASE_URL;
});

/** A running batch (not paused) with these targets, each PENDING (the sandbox's clock is frozen). */
async function runningBatch(id: string, targets: string[]): Promise<string> {
  await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: id, campaign_id: campaign, paused: true });
  for (const [i, target] of targets.entries())
    await h.sandbox("POST", `/api/v1/outbound/batches/${id}/requests`, { reference_id: `${id}-${i}`, target, request_variables: {} });
  await h.sandbox("PUT", `/api/v1/outbound/batches/${id}`, { paused: false });
  return id;
}
const paused = async (id: string) => (await h.sandbox<{ paused?: boolean }>("GET", `/api/v1/outbound/batches/${id}`)).paused === true;
const put = (id: string, json: unknown) =>
  h.call(scheduleRoute.PUT, `/api/batches/${id}/schedule`, { role: "manager", method: "PUT", params: { batchId: id }, json });

/** Counts Syllable writes to batch `id` (PUT /batches/{id}) while `fn` runs. */
async function countingWrites<T>(id: string, fn: () => Promise<T>): Promise<[number, T]> {
  const realFetch = globalThis.fetch;
  let writes = 0;
  globalThis.fetch = (input, init) => {
    if ((init?.method ?? "GET") === "PUT" && String(input instanceof Request ? input.url : input).endsWith(`/outbound/batches/${id}`)) writes++;
    return realFetch(input, init);
  };
  try {
    const result = await fn();
    return [writes, result];
  } finally {
    globalThis.fetch = realFetch;
  }
}

describe("the scheduler", () => {
  it("a batch whose start is 20 s ahead is held at once, and released by the first tick after its time", async () => {
    const id = await runningBatch(`sched-start-${Date.now()}`, ["+15125550101"]);
    const startAt = new Date(Date.now() + 20_000).toISOString();
    const res = await put(id, { start_at: startAt, local_hours: false, reason: "a test of the start alone" });
    expect(res.status, await res.clone().text()).toBe(200);
    const view = (await res.json()) as ScheduleView;
    expect(view).toMatchObject({ state: "held", reason: `scheduled to start at ${startAt}` });
    expect(view.next[0]).toMatchObject({ at: new Date(startAt).toISOString(), state: "released" });
    expect(await paused(id)).toBe(true);
    expect(await tickAs("instance-a", Date.parse(startAt) - 1_000)).not.toHaveProperty(id);
    expect(await paused(id)).toBe(true);
    // The job ticks every 5 s: the first tick after the start releases it.
    expect(await tickAs("instance-a", Date.parse(startAt) + 5_000)).toMatchObject({ [id]: "released" });
    expect(await paused(id)).toBe(false);
    const [entry] = await getStore().audit.list({ action: "batch.schedule.release", target: `batch:${id}`, limit: 1 });
    expect(entry).toMatchObject({ actorRole: "system", outcome: "ok" });
  });

  it("a batch a person paused is never released by its schedule", async () => {
    const id = await runningBatch(`sched-person-${Date.now()}`, ["+15125550102"]);
    await put(id, { start_at: new Date(Date.now() + 60_000).toISOString(), local_hours: false, reason: "a test of a person's pause" });
    // The person pauses it themself while it is held.
    const patch = await h.call(batchRoute.PATCH, `/api/batches/${id}`, { role: "manager", method: "PATCH", params: { batchId: id }, json: { paused: true } });
    expect(patch.status).toBe(200);
    const [writes] = await countingWrites(id, () => tickAs("instance-a", Date.now() + 120_000));
    expect(writes).toBe(0);
    expect(await paused(id)).toBe(true);
    const view = (await (
      await h.call(scheduleRoute.GET, `/api/batches/${id}/schedule`, { role: "supervisor", params: { batchId: id } })
    ).json()) as ScheduleView;
    expect(view.paused_by_person).toBe(true);
  });

  it("+1 212 recipients are held from 21:00 to 08:00 New York time and released after; a restart while held sends nothing; late is said", async () => {
    const id = await runningBatch(`sched-ny-${Date.now()}`, ["+12125550101", "+12125550102", "+13055550103"]);
    // 23:00 on Tuesday 30 June in New York (EDT): the tick follows the running voice batch and holds it.
    const night = Date.parse("2026-07-01T03:00:00Z");
    expect(await tickAs("instance-a", night)).toMatchObject({ [id]: "held" });
    expect(await paused(id)).toBe(true);
    const [held] = await getStore().audit.list({ action: "batch.schedule.hold", target: `batch:${id}`, limit: 1 });
    expect(String(held?.detail.reason)).toMatch(/^calling hours: \d recipients? in (NY|FL), America\/New_York is at Tue 23:00, outside 08:00-21:00/);
    // Another instance after a restart, still night: nothing is sent.
    const [writes] = await countingWrites(id, () => tickAs("instance-b", night + 3 * 3_600_000));
    expect(writes).toBe(0);
    // 08:00 New York is 12:00Z; the console comes back at 12:40Z: released, 40 minutes late.
    expect(await tickAs("instance-b", Date.parse("2026-07-01T12:40:00Z"))).toMatchObject({ [id]: "released" });
    expect(await paused(id)).toBe(false);
    const [released] = await getStore().audit.list({ action: "batch.schedule.release", target: `batch:${id}`, limit: 1 });
    expect(released?.detail).toMatchObject({ late_by_min: 40 });
  });

  it("two instances ticking at once send each transition once", async () => {
    const id = await runningBatch(`sched-twice-${Date.now()}`, ["+15125550104"]);
    await put(id, { start_at: new Date(Date.now() - 1_000).toISOString(), local_hours: false, reason: "a test of two instances" });
    // Both instances decide at a time after a pause the schedule sets now.
    await put(id, {
      start_at: new Date(Date.now() - 60_000).toISOString(),
      pause_at: new Date(Date.now() + 30_000).toISOString(),
      local_hours: false,
      reason: "pause soon",
    });
    const later = Date.now() + 40_000;
    const [writes, done] = await countingWrites(id, () => Promise.all([tickAs("instance-a", later), tickAs("instance-b", later), tickAs("instance-a", later)]));
    expect(writes).toBe(1);
    expect(done.filter((d) => d[id] === "held")).toHaveLength(1);
    expect(await paused(id)).toBe(true);
  });
});

// Bulk batch actions and stop/resume campaign, against a real in-process sandbox and a real
// SQLite store: per-batch results, partial failures named, one audit entry per batch, and
// resume releasing exactly the holds the stop made.
import { anyTimeCampaign } from "@/tests/support/campaign-body";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { getStore } from "@/lib/server/store";
import type { BulkResponse } from "@/lib/schemas/batches";
import * as bulkRoute from "./bulk/route";
import * as batchRoute from "./[batchId]/route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
const stopRoute = await import("@/app/api/campaigns/[campaignId]/stop/route");
const resumeRoute = await import("@/app/api/campaigns/[campaignId]/resume/route");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeoutMs: 3000 });
});
afterAll(async () => {
  await h?.close();
});

type Json = Record<string, unknown>;
type ErrBody = { error: { code: string; message: string; fields?: Record<string, string> } };
const run = `${Date.now()}`;

async function newCampaign(name: string): Promise<number> {
  const c = await h.sandbox<Json>("POST", "/api/v1/outbound/campaigns", anyTimeCampaign(name));
  return c.id as number;
}
async function newBatch(id: string, campaignId: number, paused: boolean) {
  await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: id, campaign_id: campaignId, paused });
}
async function paused(id: string): Promise<boolean> {
  return (await h.sandbox<Json>("GET", `/api/v1/outbound/batches/${id}`)).paused === true;
}

describe("POST /api/batches/bulk", () => {
  it("validates the action, the ids and the expiry", async () => {
    const res = await h.call(bulkRoute.POST, "/api/batches/bulk", { role: "manager", json: { action: "explode", batch_ids: ["bad id!"] } });
    expect(res.status).toBe(422);
    expect(Object.keys(((await res.json()) as ErrBody).error.fields!).sort()).toEqual(["action", "batch_ids.0"]);
    const noExpiry = await h.call(bulkRoute.POST, "/api/batches/bulk", { role: "manager", json: { action: "expire", batch_ids: ["a"] } });
    expect(((await noExpiry.json()) as ErrBody).error.fields).toEqual({ expires_on: "Choose the new expiry" });
    const past = await h.call(bulkRoute.POST, "/api/batches/bulk", {
      role: "manager",
      json: { action: "expire", batch_ids: ["a"], expires_on: "2001-01-01T00:00:00Z" },
    });
    expect(((await past.json()) as ErrBody).error.fields?.expires_on).toMatch(/future/);
    const none = await h.call(bulkRoute.POST, "/api/batches/bulk", { role: "manager", json: { action: "pause", batch_ids: [] } });
    expect(((await none.json()) as ErrBody).error.fields?.batch_ids).toMatch(/at least one/);
    const tooMany = await h.call(bulkRoute.POST, "/api/batches/bulk", {
      role: "manager",
      json: { action: "pause", batch_ids: Array.from({ length: 201 }, (_, i) => `b${i}`) },
    });
    expect(tooMany.status).toBe(422);
    expect(await h.call(bulkRoute.POST, "/api/batches/bulk", { role: "supervisor", json: { action: "pause", batch_ids: ["a"] } }).then((r) => r.status)).toBe(
      403,
    );
  });

  it("a finished batch is skipped with a sentence, nothing sent upstream and nothing audited", async () => {
    const cid = await newCampaign(`finished ${run}`);
    const failed = `bulk-failed-${run}`;
    await newBatch(failed, cid, false);
    // Syllable fails a batch whose upload was broken; the API cannot ask for that, the sandbox's db can.
    h.instance.db.prepare("UPDATE batches SET status = 'FAILED', error_message = 'Missing required fields: target' WHERE batch_id = ?").run(failed);
    const before = await h.sandbox<Json>("GET", `/api/v1/outbound/batches/${failed}`);
    for (const [action, extra] of [
      ["pause", {}],
      ["resume", {}],
      ["expire", { expires_on: new Date(Date.now() + 86_400_000).toISOString() }],
    ] as const) {
      const res = await h.call(bulkRoute.POST, "/api/batches/bulk", { role: "manager", json: { action, batch_ids: [failed], ...extra } });
      expect(res.status).toBe(200);
      const [r] = ((await res.json()) as BulkResponse).results;
      expect(r).toEqual({ batch_id: failed, ok: false, skipped: true, error: `Skipped: the batch is failed, so there is nothing to ${action}.` });
    }
    const after = await h.sandbox<Json>("GET", `/api/v1/outbound/batches/${failed}`);
    expect([after.paused, after.expires_on, after.status]).toEqual([before.paused, before.expires_on, "FAILED"]);
    expect((await getStore().audit.list({ target: `batch:${failed}` })).filter((e) => e.detail.bulk)).toEqual([]);
  });

  it("pauses each batch, names the one Syllable refused, and audits each", async () => {
    const cid = await newCampaign(`bulk ${run}`);
    const [a, b, gone] = [`bulk-a-${run}`, `bulk-b-${run}`, `bulk-gone-${run}`];
    await newBatch(a, cid, false);
    await newBatch(b, cid, false);
    const res = await h.call(bulkRoute.POST, "/api/batches/bulk", {
      role: "manager",
      json: { action: "pause", batch_ids: [a, gone, b, a], reason: "wrong script" },
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as BulkResponse;
    expect(results.map((r) => [r.batch_id, r.ok])).toEqual([
      [a, true],
      [gone, false],
      [b, true],
    ]);
    expect(results[1]!.error).toMatch(/not found/i);
    expect(await paused(a)).toBe(true);
    expect(await paused(b)).toBe(true);
    const entries = await getStore().audit.list({ action: "batch.pause", target: "batch:" });
    const mine = entries.filter((e) => e.target.endsWith(run));
    expect(mine.map((e) => [e.target, e.outcome]).sort()).toEqual([
      [`batch:${a}`, "ok"],
      [`batch:${b}`, "ok"],
      [`batch:${gone}`, "failed"],
    ]);
    expect(mine[0]!.detail).toMatchObject({ bulk: true, reason: "wrong script", paused: true });

    const resumed = (await (
      await h.call(bulkRoute.POST, "/api/batches/bulk", { role: "manager", json: { action: "resume", batch_ids: [a, b] } })
    ).json()) as BulkResponse;
    expect(resumed.results.every((r) => r.ok)).toBe(true);
    expect(await paused(a)).toBe(false);
  });

  it("sets the expiry of each batch", async () => {
    const cid = await newCampaign(`expire ${run}`);
    const [a, b] = [`exp-a-${run}`, `exp-b-${run}`];
    await newBatch(a, cid, true);
    await newBatch(b, cid, true);
    const when = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const { results } = (await (
      await h.call(bulkRoute.POST, "/api/batches/bulk", { role: "manager", json: { action: "expire", batch_ids: [a, b], expires_on: when } })
    ).json()) as BulkResponse;
    expect(results.every((r) => r.ok)).toBe(true);
    for (const id of [a, b]) expect(Date.parse(String((await h.sandbox<Json>("GET", `/api/v1/outbound/batches/${id}`)).expires_on))).toBe(Date.parse(when));
  });
});

describe("POST /api/campaigns/{id}/stop and /resume", () => {
  it("need a reason, and a campaign that exists", async () => {
    const res = await h.call(stopRoute.POST, "/api/campaigns/1/stop", { role: "manager", params: { campaignId: "1" }, json: {} });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrBody).error.fields?.reason).toBeTruthy();
    const missing = await h.call(stopRoute.POST, "/api/campaigns/999999/stop", {
      role: "manager",
      params: { campaignId: "999999" },
      json: { reason: "complaint" },
    });
    expect(missing.status).toBe(404);
  });

  it("stop holds every running batch; resume releases exactly those, not ones held before or resumed since", async () => {
    const cid = await newCampaign(`stop ${run}`);
    const other = await newCampaign(`other ${run}`);
    const [a, b, before, elsewhere] = [`stop-a-${run}`, `stop-b-${run}`, `stop-held-${run}`, `stop-other-${run}`];
    await newBatch(a, cid, false);
    await newBatch(b, cid, false);
    await newBatch(before, cid, true); // on hold for its own reason
    await newBatch(elsewhere, other, false);

    const stop = await h.call(stopRoute.POST, `/api/campaigns/${cid}/stop`, {
      role: "manager",
      params: { campaignId: String(cid) },
      json: { reason: "wrong script" },
    });
    expect(stop.status).toBe(200);
    const stopped = ((await stop.json()) as BulkResponse).results;
    expect(stopped.map((r) => r.batch_id).sort()).toEqual([a, b].sort());
    expect(stopped.every((r) => r.ok)).toBe(true);
    expect(await paused(a)).toBe(true);
    expect(await paused(elsewhere)).toBe(false);
    const entries = (await getStore().audit.list({ action: "campaign.stop" })).filter((e) => e.detail.campaign_id === cid);
    expect(entries.map((e) => e.target).sort()).toEqual([`batch:${a}`, `batch:${b}`].sort());
    expect(entries[0]!.detail).toMatchObject({ reason: "wrong script", paused: true });

    // Someone resumes b by hand meanwhile: resume campaign leaves it (and `before`) alone.
    expect(
      (await h.call(batchRoute.PATCH, `/api/batches/${b}`, { role: "manager", params: { batchId: b }, method: "PATCH", json: { paused: false } })).status,
    ).toBe(200);
    const resume = await h.call(resumeRoute.POST, `/api/campaigns/${cid}/resume`, {
      role: "manager",
      params: { campaignId: String(cid) },
      json: { reason: "script fixed" },
    });
    const resumed = ((await resume.json()) as BulkResponse).results;
    expect(resumed).toEqual([{ batch_id: a, ok: true }]);
    expect(await paused(a)).toBe(false);
    expect(await paused(before)).toBe(true);

    // Resuming again releases nothing more: those holds are undone.
    const again = await h.call(resumeRoute.POST, `/api/campaigns/${cid}/resume`, {
      role: "manager",
      params: { campaignId: String(cid) },
      json: { reason: "twice" },
    });
    expect(((await again.json()) as BulkResponse).results).toEqual([]);
  });

  it("a batch Syllable refuses to hold is named, the others still held", async () => {
    const cid = await newCampaign(`partial ${run}`);
    const [a, b] = [`part-a-${run}`, `part-b-${run}`];
    await newBatch(a, cid, false);
    await newBatch(b, cid, false);
    // Syllable refuses the write to b (and only that one).
    await h.faults({ error_rate: 1, error_status: 422, only: `PUT /api/v1/outbound/batches/${b}` });
    const res = await h.call(stopRoute.POST, `/api/campaigns/${cid}/stop`, {
      role: "manager",
      params: { campaignId: String(cid) },
      json: { reason: "complaint" },
    });
    await h.faults(null);
    const results = ((await res.json()) as BulkResponse).results;
    expect(results.find((r) => r.batch_id === a)).toEqual({ batch_id: a, ok: true });
    expect(results.find((r) => r.batch_id === b)?.ok).toBe(false);
  });
});

// Follow-up batches by outcome, against a real in-process sandbox (the 100k batch included) and a
// real SQLite store: counts, the contacts and variables carried over, the links both ways, the
// rollback when the contacts cannot be uploaded, and the 100k source.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { planFollowUp } from "@/lib/domain/follow-up";
import type { BatchDetailResponse, FollowUpResponse } from "@/lib/schemas/batches";
import type { RequestResult } from "@/lib/schemas/syllable";
import { getStore } from "@/lib/server/store";
import { SEED } from "@/sandbox/seed";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import * as followUpRoute from "./[batchId]/follow-up/route";
import * as batchRoute from "./[batchId]/route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: true, timeoutMs: 20_000 });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

type ErrBody = { error: { code: string; message: string; fields?: Record<string, string> } };
const run = `${Date.now()}`;
const followUp = (source: string, body: unknown, dryRun = false) =>
  h.call(followUpRoute.POST, `/api/batches/${source}/follow-up${dryRun ? "?dry_run=true" : ""}`, { role: "manager", params: { batchId: source }, json: body });
const sourceRows = (id: string) => h.sandbox<RequestResult[]>("GET", `/api/v1/outbound/batches/${id}/results`);

describe("POST /api/batches/{id}/follow-up", () => {
  it("a dry run counts what the follow-up would hold, and creates nothing", async () => {
    const source = SEED.batches.payments;
    const res = await followUp(source, { batch_id: `${source}-dry-${run}`, status: "FAILED" }, true);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FollowUpResponse;
    const plan = planFollowUp(await sourceRows(source), { status: "FAILED" });
    expect(body).toMatchObject({ batch: null, matched: plan.matched, added: plan.rows.length });
    expect(body.added).toBeGreaterThan(0);
    expect((await h.call(batchRoute.GET, `/api/batches/${source}-dry-${run}`, { role: "manager", params: { batchId: `${source}-dry-${run}` } })).status).toBe(
      404,
    );
  });

  it("creates the follow-up on hold with the matching contacts and their variables, linked to its source both ways", async () => {
    const source = SEED.batches.payments;
    const id = `${source}-retry-${run}`;
    const filter = { status: "FAILED", channel_status: ["NO-ANSWER", "BUSY", "FAILED", "SIP_NOT_FOUND", "DECLINED", "UNKNOWN"] };
    const res = await followUp(source, { batch_id: id, ...filter });
    expect(res.status).toBe(201);
    const body = (await res.json()) as FollowUpResponse;
    const all = await sourceRows(source);
    const plan = planFollowUp(all, filter);
    expect(body.added).toBe(plan.rows.length);
    expect(body.batch).toMatchObject({ batch_id: id, campaign_id: SEED.campaigns.payments, paused: true, follow_up_of: source });

    const rows = await sourceRows(id);
    expect(rows.map((r) => r.reference_id).sort()).toEqual(plan.rows.map((r) => r.reference_id).sort());
    const bySource = new Map(all.map((r) => [r.reference_id, r]));
    for (const r of rows) {
      expect(r.target).toBe(bySource.get(r.reference_id)!.target);
      expect(r.request_variables ?? {}).toEqual(bySource.get(r.reference_id)!.request_variables ?? {});
    }
    const created = (await getStore().audit.list({ target: `batch:${id}` })).find((e) => e.action === "batch.create")!;
    expect(created).toMatchObject({ outcome: "ok", detail: { follow_up_of: source, filter } });
  });

  it("names an id in use at the field, and refuses the source's own id", async () => {
    const taken = await followUp(SEED.batches.payments, { batch_id: SEED.batches.paused, status: "FAILED" });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as ErrBody).error.fields?.batch_id).toMatch(/in use/);
    const own = await followUp(SEED.batches.payments, { batch_id: SEED.batches.payments, status: "FAILED" });
    expect(((await own.json()) as ErrBody).error.fields?.batch_id).toBeTruthy();
    const none = await followUp(SEED.batches.payments, { batch_id: `none-${run}`, q: "no-such-contact-anywhere" });
    expect(none.status).toBe(422);
  });

  it("when Syllable refuses the contacts, the new batch is removed again and the person is told", async () => {
    const id = `rollback-${run}`;
    await h.faults({ error_rate: 1, error_status: 422, only: `POST /api/v1/outbound/batches/${id}/upload_batch` });
    const res = await followUp(SEED.batches.payments, { batch_id: id, status: "FAILED" });
    await h.faults(null);
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrBody).error.message).toMatch(/could not be filled.*removed again/);
    expect((await h.call(batchRoute.GET, `/api/batches/${id}`, { role: "manager", params: { batchId: id } })).status).toBe(404);
    const actions = (await getStore().audit.list({ target: `batch:${id}` })).map((e) => `${e.action} ${e.outcome}`);
    expect(actions).toEqual(["batch.delete ok", "batch.upload failed", "batch.create ok"]);
  });

  it("builds a follow-up from the 100,000-request batch", async () => {
    const source = SEED.batches.big;
    const id = `big-retry-${run}`;
    const started = performance.now();
    const res = await followUp(source, { batch_id: id, status: "PENDING" });
    const ms = performance.now() - started;
    expect(res.status).toBe(201);
    const body = (await res.json()) as FollowUpResponse;
    expect(body.matched).toBeGreaterThan(50_000);
    expect(body.added + Object.values(body.excluded).reduce((a, b) => a + b, 0)).toBe(body.matched);
    const total = Object.values((body.batch as BatchDetailResponse).status_counts ?? {}).reduce((a, b) => a + (b ?? 0), 0);
    expect(total).toBe(body.added);
    console.info(`follow-up of the 100k batch: ${body.added} contacts in ${Math.round(ms)} ms`);
  }, 120_000);
});

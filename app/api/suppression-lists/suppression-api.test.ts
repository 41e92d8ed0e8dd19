// Suppression lists end to end through the real handlers, a real SQLite store and a real
// in-process sandbox: who may do what, numbers read as E.164 whatever their format, invalid
// inputs reported per row, suppressed rows never reaching the sandbox at upload or add-request,
// queued requests removed by the sweep, and expiry lifting an entry.
import { anyTimeCampaign } from "@/tests/support/campaign-body";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import type { SuppressionCheck, SuppressionListInfo, SuppressionReport } from "@/lib/schemas/suppression";
import type { UploadResponse } from "@/lib/schemas/batches";
import type { Paged } from "@/lib/schemas/paging";
import type { SuppressionEntryInfo } from "@/lib/schemas/suppression";
import * as listsRoute from "./route";
import * as listRoute from "./[listId]/route";
import * as numbersRoute from "./[listId]/numbers/route";
import * as numberRoute from "./[listId]/numbers/[number]/route";
import * as csvRoute from "./[listId]/numbers.csv/route";
import * as importRoute from "./[listId]/import/route";
import * as campaignListsRoute from "../campaigns/[campaignId]/suppression-lists/route";
import * as checkRoute from "../suppression/check/route";
import * as uploadRoute from "../batches/[batchId]/upload/route";
import * as requestsRoute from "../batches/[batchId]/requests/route";
import * as batchRoute from "../batches/[batchId]/route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
const { sweepAs } = await import("@/lib/server/suppression/sweep");
const { getStore } = await import("@/lib/server/store");

let h: Harness;
let campaign: number;
let other: number;
beforeAll(async () => {
  h = await startHarness({ timeoutMs: 3000 });
  campaign = await newCampaign("Renewals");
  other = await newCampaign("Surveys");
});
afterAll(async () => {
  await h?.close();
});

type ErrBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type Json = Record<string, unknown>;

async function newCampaign(name: string): Promise<number> {
  const c = await h.sandbox<Json>("POST", "/api/v1/outbound/campaigns", anyTimeCampaign(name));
  return c.id as number;
}

async function createList(name: string, body: Json = {}): Promise<SuppressionListInfo> {
  const res = await h.call(listsRoute.POST, "/api/suppression-lists", { role: "manager", json: { name, ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as SuppressionListInfo;
}

const add = (listId: number, body: Json, role: "manager" | "supervisor" | "admin" = "manager") =>
  h.call(numbersRoute.POST, `/api/suppression-lists/${listId}/numbers`, { role, params: { listId: String(listId) }, json: body });

const check = async (number: string, campaignId?: number) => {
  const res = await h.call(checkRoute.GET, `/api/suppression/check?number=${encodeURIComponent(number)}${campaignId ? `&campaign_id=${campaignId}` : ""}`, {
    role: "supervisor",
  });
  return (await res.json()) as SuppressionCheck;
};

const targetsIn = async (batchId: string) =>
  (await h.sandbox<Array<{ target: string; request_status: string }>>("GET", `/api/v1/outbound/batches/${batchId}/results`)).map((r) => r.target);

const csvForm = (text: string, fields: Record<string, string> = {}) => {
  const f = new FormData();
  f.append("file", new File([text], "contacts.csv", { type: "text/csv" }));
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe("suppression lists", () => {
  it("roles hold: supervisors read only; managers make lists and add; only admins delete a list or a number, with a reason", async () => {
    const list = await createList("Roles list");
    const id = String(list.id);
    expect((await h.call(listsRoute.POST, "/api/suppression-lists", { role: "supervisor", json: { name: "Nope" } })).status).toBe(403);
    expect((await add(list.id, { numbers: ["+12125550111"] }, "supervisor")).status).toBe(403);
    expect((await h.call(listsRoute.GET, "/api/suppression-lists", { role: "supervisor" })).status).toBe(200);
    expect((await add(list.id, { numbers: ["+12125550111"] })).status).toBe(200);
    const asManager = await h.call(numberRoute.DELETE, `/api/suppression-lists/${id}/numbers/%2B12125550111`, {
      role: "manager",
      method: "DELETE",
      params: { listId: id, number: "+12125550111" },
      json: { reason: "wrong number" },
    });
    expect(asManager.status).toBe(403);
    const noReason = await h.call(numberRoute.DELETE, `/api/suppression-lists/${id}/numbers/%2B12125550111`, {
      method: "DELETE",
      params: { listId: id, number: "+12125550111" },
      json: {},
    });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as ErrBody).error.fields?.reason).toMatch(/reason/i);
    // Written nationally, it is the same number.
    const removed = await h.call(numberRoute.DELETE, `/api/suppression-lists/${id}/numbers/(212)%20555-0111`, {
      method: "DELETE",
      params: { listId: id, number: "(212) 555-0111" },
      json: { reason: "added by mistake" },
    });
    expect(removed.status).toBe(200);
    expect((await check("+12125550111")).suppressed).toBe(false);
    expect(
      (await h.call(listRoute.DELETE, `/api/suppression-lists/${id}`, { role: "manager", method: "DELETE", params: { listId: id }, json: { reason: "x y z" } }))
        .status,
    ).toBe(403);
    const deleted = await h.call(listRoute.DELETE, `/api/suppression-lists/${id}`, {
      method: "DELETE",
      params: { listId: id },
      json: { reason: "not needed" },
    });
    expect(deleted.status).toBe(200);
    expect((await h.call(listRoute.GET, `/api/suppression-lists/${id}`, { role: "supervisor", params: { listId: id } })).status).toBe(404);
    const audit = await getStore().audit.list({ target: `suppression-list:${id}`, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["suppression.list.create", "suppression.numbers.add", "suppression.number.remove", "suppression.list.delete"]),
    );
  });

  it("a name is unique, ignoring case, and the answer says so at the field", async () => {
    await createList("Litigators");
    const dup = await h.call(listsRoute.POST, "/api/suppression-lists", { role: "manager", json: { name: "litigators" } });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as ErrBody).error.fields?.name).toMatch(/in use/);
  });

  it("(212) 555-0100, +1 212-555-0100 and 12125550100 are one number; invalid inputs are reported per row; a past expiry is refused", async () => {
    const list = await createList("Formats");
    const res = await add(list.id, { numbers: ["(212) 555-0100", "+1 212-555-0100", "12125550100", "call me", "555", "+1 212 555 01"], reason: "asked" });
    expect(res.status).toBe(200);
    const report = (await res.json()) as SuppressionReport;
    expect(report).toMatchObject({ added: 1, updated: 2, invalid_count: 3 });
    expect(report.invalid.map((i) => [i.row, i.input])).toEqual([
      [4, "call me"],
      [5, "555"],
      [6, "+1 212 555 01"],
    ]);
    expect(report.invalid.every((i) => i.error.length > 5)).toBe(true);
    const numbers = (await (
      await h.call(numbersRoute.GET, `/api/suppression-lists/${list.id}/numbers?q=555`, { role: "supervisor", params: { listId: String(list.id) } })
    ).json()) as Paged<SuppressionEntryInfo>;
    expect(numbers.items.map((n) => [n.number, n.reason, n.source, n.added_by])).toEqual([["+12125550100", "asked", "manual", "manager@sandbox.local"]]);
    expect(await check("212.555.0100")).toMatchObject({ number: "+12125550100", suppressed: true, lists: [{ id: list.id, name: "Formats" }] });

    const past = await add(list.id, { numbers: ["+12125550199"], expires_at: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(422);
    expect(((await past.json()) as ErrBody).error.fields?.expires_at).toMatch(/passed/);
  });

  it("an expiry lifts the entry once it passes", async () => {
    const list = await createList("Short-lived", { applies_to: "all" });
    const expires_at = new Date(Date.now() + 1_500).toISOString();
    expect((await add(list.id, { numbers: ["+13125550142"], expires_at })).status).toBe(200);
    expect((await check("+13125550142")).suppressed).toBe(true);
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await check("+13125550142")).suppressed).toBe(false);
    const shown = (await (
      await h.call(listRoute.GET, `/api/suppression-lists/${list.id}`, { role: "supervisor", params: { listId: String(list.id) } })
    ).json()) as SuppressionListInfo;
    expect(shown).toMatchObject({ numbers: 1, active_numbers: 0 });
  });

  it("imports a CSV with a named phone column (national numbers) and an expiry column, reporting rows it refused; exports the list", async () => {
    const list = await createList("Imported");
    const id = String(list.id);
    const csv = [
      "Name,Mobile Number,Until",
      "Ana,(415) 555-0101,",
      'Ben,"+1 415 555 0102",2099-12-31',
      "Cy,not a number,",
      "Di,415-555-0104,2001-01-01",
      "Ed,4155550101,",
    ].join("\n");
    const res = await h.call(importRoute.POST, `/api/suppression-lists/${id}/import?expiry_column=Until`, {
      role: "manager",
      params: { listId: id },
      body: csvForm(csv, { phone_column: "Mobile Number", reason: "CRM opt-outs" }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const report = (await res.json()) as SuppressionReport & { rows: number };
    expect(report).toMatchObject({ rows: 5, added: 2, updated: 1, invalid_count: 2 });
    expect(report.invalid.map((i) => [i.row, i.error])).toEqual([
      [3, expect.stringMatching(/number/i)],
      [4, "The expiry has passed"],
    ]);
    // A plain text/csv body, the column named in the query.
    const raw = await h.call(importRoute.POST, `/api/suppression-lists/${id}/import?phone_column=phone`, {
      role: "manager",
      params: { listId: id },
      body: "phone\n+14155550109\n",
      headers: { "Content-Type": "text/csv" },
    });
    expect(((await raw.json()) as SuppressionReport).added).toBe(1);
    const wrongColumn = await h.call(importRoute.POST, `/api/suppression-lists/${id}/import?phone_column=Phone2`, {
      role: "manager",
      params: { listId: id },
      body: csvForm(csv),
    });
    expect(wrongColumn.status).toBe(422);
    expect(((await wrongColumn.json()) as ErrBody).error.message).toMatch(/no column "Phone2".*Mobile Number/);

    const exported = await h.call(csvRoute.GET, `/api/suppression-lists/${id}/numbers.csv`, { role: "supervisor", params: { listId: id } });
    const lines = (await exported.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("number,reason,source,added_by,added_at,expires_at");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["+14155550101", "+14155550102", "+14155550109"]);
    expect(lines[2]).toContain("2099-12-31T23:59:59.999Z");
  });

  it("at upload, rows with a suppressed number never reach Syllable; the answer, the audit entry and the batch say how many", async () => {
    const list = await createList("Opt-outs");
    await add(list.id, { numbers: ["(512) 555-0102", "+15125550104"] });
    const assigned = await h.call(campaignListsRoute.PUT, `/api/campaigns/${campaign}/suppression-lists`, {
      role: "manager",
      method: "PUT",
      params: { campaignId: String(campaign) },
      json: { list_ids: [list.id] },
    });
    expect(assigned.status).toBe(200);
    const batchId = `dnc-upload-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: batchId, campaign_id: campaign, paused: true });
    const csv = 'reference_id,target,name\nr1,+15125550101,Ana\nr2,+15125550102,Ben\nr3,+15125550103,"Cy, Jr"\nr4,+15125550104,Di\n';
    const res = await h.call(uploadRoute.POST, `/api/batches/${batchId}/upload`, { role: "manager", params: { batchId }, body: csvForm(csv) });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as UploadResponse;
    expect(body.suppressed).toBe(2);
    expect(body.suppressed_rows).toEqual([
      { row: 2, reference_id: "r2", target: "+15125550102", lists: ["Opt-outs"] },
      { row: 4, reference_id: "r4", target: "+15125550104", lists: ["Opt-outs"] },
    ]);
    expect((await targetsIn(batchId)).sort()).toEqual(["+15125550101", "+15125550103"]);
    const results = await h.sandbox<Array<{ reference_id: string; request_variables: Json }>>("GET", `/api/v1/outbound/batches/${batchId}/results`);
    expect(results.find((r) => r.reference_id === "r3")?.request_variables).toEqual({ name: "Cy, Jr" });
    const [entry] = await getStore().audit.list({ action: "batch.upload", target: `batch:${batchId}`, limit: 1 });
    expect(entry?.detail).toMatchObject({ rows: 4, suppressed: 2 });
    expect(body.batch.suppression).toEqual({ at_upload: 2, removed: 0 });

    // Another campaign without the list uploads the same numbers.
    const elsewhere = `dnc-other-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: elsewhere, campaign_id: other, paused: true });
    const free = (await (
      await h.call(uploadRoute.POST, `/api/batches/${elsewhere}/upload`, { role: "manager", params: { batchId: elsewhere }, body: csvForm(csv) })
    ).json()) as UploadResponse;
    expect(free.suppressed).toBe(0);
    expect(await targetsIn(elsewhere)).toHaveLength(4);

    // Adding one request with a suppressed number is refused and nothing is sent.
    const one = await h.call(requestsRoute.POST, `/api/batches/${batchId}/requests`, {
      role: "manager",
      params: { batchId },
      json: { reference_id: "r9", target: "+15125550104", request_variables: {} },
    });
    expect(one.status).toBe(422);
    expect(((await one.json()) as ErrBody).error.fields?.target).toMatch(/Opt-outs/);
    expect(await targetsIn(batchId)).not.toContain("+15125550104");
  });

  it("a number added later leaves the queued batch through the sweep, once, audited with its list", async () => {
    const list = await createList("Later opt-outs", { applies_to: "all" });
    const batchId = `dnc-queued-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: batchId, campaign_id: other, paused: true });
    for (const [ref, target] of [
      ["q1", "+16175550101"],
      ["q2", "+16175550102"],
      ["q3", "+16175550103"],
    ])
      await h.sandbox("POST", `/api/v1/outbound/batches/${batchId}/requests`, { reference_id: ref, target, request_variables: {} });
    expect(await sweepAs("instance-a")).not.toHaveProperty(batchId);

    await add(list.id, { numbers: ["617-555-0102"] });
    const swept = await sweepAs("instance-a");
    expect(swept[batchId]).toBe(1);
    expect((await targetsIn(batchId)).sort()).toEqual(["+16175550101", "+16175550103"]);
    // Nothing changed since: the next sweep leaves the batch alone.
    expect(await sweepAs("instance-b")).not.toHaveProperty(batchId);
    const [entry] = await getStore().audit.list({ action: "batch.request.remove", target: `batch:${batchId}`, limit: 1 });
    expect(entry).toMatchObject({ actorRole: "system", outcome: "ok" });
    expect(entry?.detail).toMatchObject({ reason: "removed: on list Later opt-outs", count: 1, removals: [{ reference_id: "q2", number: "+16175550102" }] });
    const batch = (await (await h.call(batchRoute.GET, `/api/batches/${batchId}`, { role: "supervisor", params: { batchId } })).json()) as {
      suppression?: { removed: number };
    };
    expect(batch.suppression?.removed).toBe(1);
  });

  it("opt-outs from results: one result's number, or the numbers of every result a filter matches", async () => {
    const list = await createList("From results");
    const batchId = `dnc-results-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: batchId, campaign_id: other, paused: true });
    for (const [ref, target] of [
      ["o1", "+17185550101"],
      ["o2", "+17185550102"],
      ["o3", "+17185550103"],
    ])
      await h.sandbox("POST", `/api/v1/outbound/batches/${batchId}/requests`, { reference_id: ref, target, request_variables: {} });
    const one = await add(list.id, { from_results: { batch_id: batchId, reference_id: "o2" }, reason: "Asked not to be called" });
    expect(((await one.json()) as SuppressionReport).added).toBe(1);
    const all = await add(list.id, { from_results: { batch_id: batchId, status: "PENDING" } });
    expect((await all.json()) as SuppressionReport).toMatchObject({ added: 2, updated: 1, invalid_count: 0 });
    const page = (await (
      await h.call(numbersRoute.GET, `/api/suppression-lists/${list.id}/numbers?q=718`, { role: "supervisor", params: { listId: String(list.id) } })
    ).json()) as Paged<SuppressionEntryInfo>;
    expect(page.items.map((e) => [e.number, e.source])).toEqual([
      ["+17185550101", "result opt-out"],
      ["+17185550102", "result opt-out"],
      ["+17185550103", "result opt-out"],
    ]);
  });
});

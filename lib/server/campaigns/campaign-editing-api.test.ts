// Integration: full campaign editing (webhooks with write-only secrets, targeting, details) and the
// audit of each edit, through PATCH /api/campaigns/{id} against a real in-process sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

const { GET, PATCH } = await import("@/app/api/campaigns/[campaignId]/route");
const { PATCH: PATCH_BATCH } = await import("@/app/api/batches/[batchId]/route");
const { getStore } = await import("@/lib/server/store");

const SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
/** 32 bytes of 0x01, base64: a different valid secret. */
const NEW_SECRET = Buffer.alloc(32, 1).toString("base64");
const OTHER_SECRET = Buffer.alloc(48, 7).toString("base64");
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Role = "supervisor" | "manager" | "admin";

let h: Harness;
let id: number;

const body = async (res: Response) => (await res.json()) as Json;
const patch = (json: unknown, role: Role = "admin") =>
  h.call(PATCH, `/api/campaigns/${id}`, { method: "PATCH", role, params: { campaignId: String(id) }, json });
const get = async () => (await body(await h.call(GET, `/api/campaigns/${id}`, { role: "supervisor", params: { campaignId: String(id) } }))).campaign as Json;
const secrets = () => h.sandbox<Array<{ webhook_id: number; auth_values: Record<string, string> }>>("GET", `/__sandbox/campaigns/${id}/webhook-secrets`);
const upstream = () => h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${id}`);
const lastAudit = async () => (await getStore().audit.list({ target: `campaign:${id}`, limit: 1 }))[0]!;

/** Webhook rows as the editor sends them, from the campaign as read. */
const asSent = (c: Json) =>
  (c.webhooks as Json[]).map((w) => ({ id: w.id, url: w.url, request_method: w.request_method, trigger_statuses: w.trigger_statuses }));

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.faults(null);
  await h.advance(1);
  const c = await h.sandbox<Json>("POST", "/api/v1/outbound/campaigns", {
    campaign_name: `Editing ${Math.random()}`,
    mode: "sms",
    labels: ["billing"],
    campaign_variables: { company_name: "Acme" },
    caller_id: "+19032900844",
    active_days: ["mon"],
    sms_session_ttl: 30,
    allowed_line_types: ["mobile", "landline"],
    include_unknown_line_types: false,
    target_filters: { match: "any", on_unknown: "exclude", rules: [{ field: "line_type", op: "in", values: ["mobile"] }] },
    webhooks: [
      { url: "https://example.com/a", request_method: "POST", trigger_statuses: ["COMPLETED"], auth_values: { hmac_secret: SECRET } },
      { url: "https://example.com/b", request_method: "PUT", trigger_statuses: ["FAILED"] },
    ],
  });
  id = c.id as number;
  await h.advance(1);
});

describe("webhooks: add, edit, remove, and a write-only secret", () => {
  it("a secret is kept when the webhook is edited without touching it", async () => {
    const c = await get();
    const [a, b] = asSent(c);
    const res = await patch({
      expected_updated_at: c.updated_at,
      webhooks: [{ ...a, url: "https://example.com/a2", trigger_statuses: ["COMPLETED", "BUSY"] }, b],
    });
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.changed).toEqual(["webhooks"]);
    expect(out.not_applied).toEqual([]);
    expect((await secrets()).map((s) => s.auth_values)).toEqual([{ hmac_secret: SECRET }, {}]);
    expect(((await upstream()).webhooks as Json[])[0]).toMatchObject({
      url: "https://example.com/a2",
      trigger_statuses: ["COMPLETED", "BUSY"],
      auth_value_keys: ["hmac_secret"],
    });
  });

  it("replace, set, add with a secret, and remove a webhook in one edit; the audit says 'secret changed' and holds no secret", async () => {
    const c = await get();
    const [a, b] = asSent(c);
    await patch({
      expected_updated_at: c.updated_at,
      reason: "rotating keys",
      webhooks: [
        { ...a!, hmac_secret: { action: "replace", value: NEW_SECRET } },
        { url: "https://example.com/c", request_method: "PATCH", trigger_statuses: ["NO-ANSWER"], hmac_secret: { action: "replace", value: OTHER_SECRET } },
      ],
    }).then(async (res) => expect(res.status, JSON.stringify(await body(res.clone()))).toBe(200));
    const stored = await secrets();
    expect(stored.map((s) => s.auth_values)).toEqual([{ hmac_secret: NEW_SECRET }, { hmac_secret: OTHER_SECRET }]);
    expect(stored.map((s) => s.webhook_id)).not.toContain(b!.id); // b removed
    const entry = await lastAudit();
    expect(entry.outcome).toBe("ok");
    expect(entry.detail.reason).toBe("rotating keys");
    const change = (entry.detail.changes as Json).webhooks;
    expect(change.before).toEqual(["POST https://example.com/a on COMPLETED (secret set)", "PUT https://example.com/b on FAILED (no secret)"]);
    expect(change.after).toEqual(["POST https://example.com/a on COMPLETED (secret changed)", "PATCH https://example.com/c on NO-ANSWER (secret set)"]);
    const everything = JSON.stringify(entry);
    for (const s of [NEW_SECRET, OTHER_SECRET, SECRET]) expect(everything).not.toContain(s);
  });

  it("remove drops only the secret: Syllable then sends that webhook unsigned", async () => {
    const c = await get();
    const [a, b] = asSent(c);
    expect((await patch({ expected_updated_at: c.updated_at, webhooks: [{ ...a, hmac_secret: { action: "remove" } }, b] })).status).toBe(200);
    expect((await secrets()).map((s) => s.auth_values)).toEqual([{}, {}]);
    expect(((await upstream()).webhooks as Json[]).map((w) => w.url)).toEqual(["https://example.com/a", "https://example.com/b"]);
  });

  it("an unchanged list is no change (nothing written); a webhook someone removed meanwhile is a field error on its row", async () => {
    const c = await get();
    const same = await body(await patch({ expected_updated_at: c.updated_at, webhooks: asSent(c) }));
    expect(same.changed).toEqual([]);
    expect((await upstream()).updated_at).toBe(c.updated_at);

    const res = await patch({ expected_updated_at: c.updated_at, webhooks: [{ ...asSent(c)[0], id: 999_999 }] });
    expect(res.status).toBe(422);
    expect((await body(res)).error.fields).toEqual({ "webhooks.0.id": expect.stringContaining("no longer exists") });
    expect(await secrets()).toHaveLength(2);
  });

  it("a bad new secret is a field error at that webhook; nothing is written", async () => {
    const c = await get();
    const res = await patch({
      expected_updated_at: c.updated_at,
      webhooks: [{ ...asSent(c)[0], hmac_secret: { action: "replace", value: "bm90IGVub3VnaA==" } }],
    });
    expect(res.status).toBe(422);
    expect(Object.keys((await body(res)).error.fields)).toEqual(["webhooks.0.hmac_secret.value"]);
    expect((await secrets()).map((s) => s.auth_values)).toEqual([{ hmac_secret: SECRET }, {}]);
  });

  it("a stale edit of webhooks is a 409 and writes nothing", async () => {
    const c = await get();
    await h.sandbox("PUT", `/api/v1/outbound/campaigns/${id}`, {
      ...(await upstream()),
      campaign_name: "Renamed",
      webhooks: (c.webhooks as Json[]).map((w) => ({ ...asSent({ webhooks: [w] })[0], auth_values: w.auth_value_keys?.length ? { hmac_secret: null } : null })),
    });
    const res = await patch({ expected_updated_at: c.updated_at, webhooks: [] });
    expect(res.status).toBe(409);
    expect(await secrets()).toHaveLength(2);
  });
});

describe("admin-only sections", () => {
  it.each([
    ["webhooks", []],
    ["allowed_line_types", null],
    ["include_unknown_line_types", true],
    ["target_filters", null],
  ])("a manager sending %s gets 403 and nothing is written, even with other valid fields", async (field, value) => {
    const c = await get();
    const res = await patch({ expected_updated_at: c.updated_at, description: "changed", [field]: value }, "manager");
    expect(res.status).toBe(403);
    expect((await body(res)).error.message).toMatch(/^Only an admin can change /);
    expect((await upstream()).description).toBeNull();
  });
});

describe("targeting and details", () => {
  it("an admin changes line types and clears target filters; webhooks and secrets survive; before/after in the audit", async () => {
    const c = await get();
    const res = await patch({ expected_updated_at: c.updated_at, allowed_line_types: ["voip"], include_unknown_line_types: true, target_filters: null });
    expect(res.status).toBe(200);
    const stored = await upstream();
    expect(stored).toMatchObject({ allowed_line_types: ["voip"], include_unknown_line_types: true, target_filters: null });
    expect((await secrets()).map((s) => s.auth_values)).toEqual([{ hmac_secret: SECRET }, {}]);
    expect((await lastAudit()).detail.changes).toEqual({
      allowed_line_types: { before: ["mobile", "landline"], after: ["voip"] },
      include_unknown_line_types: { before: false, after: true },
      target_filters: { before: { match: "any", on_unknown: "exclude", rules: [{ field: "line_type", op: "in", values: ["mobile"] }] }, after: null },
    });
  });

  it("an admin sets target filters with several rules", async () => {
    const c = await get();
    const filters = {
      match: "all",
      on_unknown: "include",
      rules: [
        { field: "carrier_name", op: "not_in", values: ["Onvoy, LLC - Sinch"] },
        { field: "mcc", op: "exists", values: [] },
      ],
    };
    expect((await patch({ expected_updated_at: c.updated_at, target_filters: filters })).status).toBe(200);
    expect((await upstream()).target_filters).toEqual(filters);
  });

  it("a manager changes the SMS session TTL, description and labels with a reason; the audit has the reason and each field's before and after", async () => {
    const c = await get();
    const res = await patch(
      { expected_updated_at: c.updated_at, sms_session_ttl: 90, description: "Reminders", labels: ["billing", "q4"], reason: "new script" },
      "manager",
    );
    expect(res.status).toBe(200);
    expect(await upstream()).toMatchObject({ sms_session_ttl: 90, description: "Reminders", labels: ["billing", "q4"] });
    const entry = await lastAudit();
    expect(entry.actorRole).toBe("manager");
    expect(entry.detail).toMatchObject({
      reason: "new script",
      changes: {
        sms_session_ttl: { before: 30, after: 90 },
        description: { before: null, after: "Reminders" },
        labels: { before: ["billing"], after: ["billing", "q4"] },
      },
    });
  });
});

describe("PATCH /api/batches/{id}: reason", () => {
  it("an optional reason goes to the audit entry, not to Syllable", async () => {
    const batchId = `reason-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: batchId, campaign_id: id });
    const res = await h.call(PATCH_BATCH, `/api/batches/${batchId}`, {
      method: "PATCH",
      role: "manager",
      params: { batchId },
      json: { paused: true, reason: "complaint on line 3" },
    });
    expect(res.status).toBe(200);
    const [entry] = await getStore().audit.list({ target: `batch:${batchId}`, limit: 1 });
    expect(entry).toMatchObject({ action: "batch.pause", outcome: "ok", detail: { paused: true, reason: "complaint on line 3" } });
    expect((await h.sandbox<Json>("GET", `/api/v1/outbound/batches/${batchId}`)).paused).toBe(true);
    // Only a reason is nothing to change.
    expect(
      (await h.call(PATCH_BATCH, `/api/batches/${batchId}`, { method: "PATCH", role: "manager", params: { batchId }, json: { reason: "x" } })).status,
    ).toBe(422);
  });
});

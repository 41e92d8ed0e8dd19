// Integration: the /api/campaigns handlers against a real in-process sandbox (tests/support/route-harness).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { toCampaignInput } from "@/lib/domain/campaign-merge";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

const { GET: LIST, POST: CREATE } = await import("@/app/api/campaigns/route");
const { GET, PATCH, DELETE } = await import("@/app/api/campaigns/[campaignId]/route");

const SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let h: Harness;
let id: number;

async function body(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

/** A campaign with everything a naive full-replacement PUT would wipe. */
async function createRichCampaign(name: string): Promise<number> {
  const c = await h.sandbox<Json>("POST", "/api/v1/outbound/campaigns", {
    campaign_name: name,
    mode: "voice",
    label: "billing",
    labels: ["billing"],
    campaign_variables: { company_name: "Acme" },
    daily_start_time: "13:00:00",
    daily_end_time: "21:00:00",
    source: "+19032900844",
    caller_id: "+19032900844",
    hourly_rate: 120,
    max_daily_calls: 2000,
    retry_count: 2,
    retry_interval: "30m",
    active_days: ["mon", "tue", "wed", "thu", "fri"],
    sms_session_ttl: 30,
    voicemail_detection: { mode: "v2", voicemail_detection_overall_timeout: 30, legacy_beep_detection: true },
    allowed_line_types: ["mobile", "landline"],
    include_unknown_line_types: false,
    target_filters: { match: "any", on_unknown: "exclude", rules: [{ field: "line_type", op: "in", values: ["mobile"] }] },
    webhooks: [
      { url: "https://example.com/a", request_method: "POST", trigger_statuses: ["COMPLETED"], auth_values: { hmac_secret: SECRET } },
      { url: "https://example.com/b", request_method: "PUT", trigger_statuses: ["FAILED"] },
    ],
  });
  return c.id as number;
}

const patch = (campaignId: number, json: unknown, role: "supervisor" | "manager" | "admin" | null = "manager") =>
  h.call(PATCH, `/api/campaigns/${campaignId}`, { method: "PATCH", role, params: { campaignId: String(campaignId) }, json });
const get = async (campaignId: number) =>
  (await body(await h.call(GET, `/api/campaigns/${campaignId}`, { role: "supervisor", params: { campaignId: String(campaignId) } }))).campaign as Json;

// A short upstream timeout so the hang test is quick; the in-process sandbox answers far sooner.
const TIMEOUT_MS = 2000;

beforeAll(async () => {
  h = await startHarness({ timeoutMs: TIMEOUT_MS });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.faults(null);
  // Speed 0 freezes the sandbox clock: move it so every write gets a new updated_at.
  await h.advance(1);
  id = await createRichCampaign(`Rich ${Math.random()}`);
});

describe("PATCH /api/campaigns/{id}: the safe write", () => {
  it("a schedule edit keeps webhooks, their secrets, target filters, line types and unknown voicemail keys", async () => {
    const before = await get(id);
    await h.advance(1);
    const res = await patch(id, { expected_updated_at: before.updated_at, daily_start_time: "08:00", daily_end_time: "17:30", active_days: ["sat", "sun"] });
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.changed).toEqual(["daily_start_time", "daily_end_time", "active_days"]);
    expect(out.not_applied).toEqual([]);

    const after = await h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${id}`);
    expect(after.daily_start_time).toBe("08:00:00");
    expect(after.daily_end_time).toBe("17:30:00");
    expect(after.active_days).toEqual(["sat", "sun"]);
    expect(after.webhooks).toEqual(before.webhooks);
    expect(after.webhooks[0].auth_value_keys).toEqual(["hmac_secret"]);
    expect(after.target_filters).toEqual({ match: "any", on_unknown: "exclude", rules: [{ field: "line_type", op: "in", values: ["mobile"] }] });
    expect(after.allowed_line_types).toEqual(["mobile", "landline"]);
    expect(after.include_unknown_line_types).toBe(false);
    expect(after.max_daily_calls).toBe(2000);
    expect(after.campaign_variables).toEqual({ company_name: "Acme" });
    expect(after.sms_session_ttl).toBe(30);
    expect(after.label).toBe("billing");
    expect(after.voicemail_detection).toEqual({ mode: "v2", voicemail_detection_overall_timeout: 30, legacy_beep_detection: true });

    // The detail names the person behind the edit (Syllable only knows the API key's user).
    const detail = await body(await h.call(GET, `/api/campaigns/${id}`, { role: "supervisor", params: { campaignId: String(id) } }));
    expect(detail.console_change).toMatchObject({ actor_email: "manager@sandbox.local", action: "campaign.update" });

    // The secret itself, in the sandbox's store.
    const secrets = await h.sandbox<Array<{ webhook_id: number; auth_values: Record<string, string> }>>("GET", `/__sandbox/campaigns/${id}/webhook-secrets`);
    expect(secrets.map((s) => s.auth_values)).toEqual([{ hmac_secret: SECRET }, {}]);
  });

  it("an admin's voicemail edit merges into the stored object (unknown keys survive); null turns it off", async () => {
    const before = await get(id);
    await h.advance(1);
    const res = await patch(
      id,
      {
        expected_updated_at: before.updated_at,
        voicemail_detection: { mode: "v1", voicemail_detection_overall_timeout: 45, voicemail_detection_pre_speech_timeout: 4 },
      },
      "admin",
    );
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.campaign.voicemail_detection).toEqual({
      mode: "v1",
      voicemail_detection_overall_timeout: 45,
      voicemail_detection_pre_speech_timeout: 4,
      legacy_beep_detection: true,
    });
    await h.advance(1);
    const off = await body(await patch(id, { expected_updated_at: out.campaign.updated_at, voicemail_detection: null }, "admin"));
    expect(off.campaign.voicemail_detection).toBeNull();
    expect(off.campaign.webhooks).toHaveLength(2);
  });

  it("answers with the console change it just made, so the editor need not refetch the campaign", async () => {
    const before = await get(id);
    await h.advance(1);
    const out = await body(await patch(id, { expected_updated_at: before.updated_at, hourly_rate: 77 }, "manager"));
    expect(out.campaign.hourly_rate).toBe(77);
    expect(out.console_change).toMatchObject({ actor_email: "manager@sandbox.local", action: "campaign.update" });
  });

  it("sending back the voicemail object exactly as GET returned it (with a key the form does not know) is accepted and kept", async () => {
    const before = await get(id);
    await h.advance(1);
    const sent = { ...before.voicemail_detection, voicemail_detection_overall_timeout: 40 };
    expect(sent.legacy_beep_detection).toBe(true);
    const res = await patch(id, { expected_updated_at: before.updated_at, voicemail_detection: sent }, "admin");
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.campaign.voicemail_detection).toEqual({ mode: "v2", voicemail_detection_overall_timeout: 40, legacy_beep_detection: true });
    expect(out.not_applied).toEqual([]);
  });

  it("edits of different fields since the editor opened it merge: theirs kept, mine applied, and the answer says whose", async () => {
    const loaded = await get(id); // what editors A and B opened
    await h.advance(1);
    const first = await patch(id, { expected_updated_at: loaded.updated_at, hourly_rate: 300, labels: ["urgent"] });
    expect(first.status).toBe(200);
    await h.advance(1);
    const res = await patch(id, { expected_updated_at: loaded.updated_at, daily_end_time: "16:30" });
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.changed).toEqual(["daily_end_time"]);
    expect(out.kept_theirs).toEqual(["hourly_rate", "labels"]);
    expect(out.campaign).toMatchObject({ hourly_rate: 300, labels: ["urgent"], daily_end_time: "16:30:00" });
  });

  it("the same field changed by both since the editor opened it is a 409 naming only that field, with the current campaign; nothing is written", async () => {
    const loaded = await get(id);
    await h.advance(1);
    expect((await patch(id, { expected_updated_at: loaded.updated_at, hourly_rate: 310, labels: ["later"] })).status).toBe(200);
    const res = await patch(id, { expected_updated_at: loaded.updated_at, hourly_rate: 125, retry_count: 5 });
    expect(res.status).toBe(409);
    const out = await body(res);
    expect(out.error.code).toBe("conflict");
    expect(out.error.message).toMatch(/changed this campaign/);
    expect(Object.keys(out.error.fields)).toEqual(["hourly_rate"]);
    expect(out.error.fields.hourly_rate).toContain("310");
    expect(out.current.hourly_rate).toBe(310);
    expect((await h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${id}`)).retry_count).toBe(2);
    // Both set the same value: no conflict.
    const same = await patch(id, { expected_updated_at: loaded.updated_at, hourly_rate: 310 });
    expect(same.status).toBe(200);
    // Overwrite = resend with the new updated_at.
    await h.advance(1);
    const again = await patch(id, { expected_updated_at: out.current.updated_at, hourly_rate: 125, retry_count: 5 });
    expect(again.status).toBe(200);
    expect((await body(again)).campaign).toMatchObject({ hourly_rate: 125, retry_count: 5 });
  });

  it("a conflict with a version this server never saw still gets 409", async () => {
    const res = await patch(id, { expected_updated_at: "2001-01-01T00:00:00.000Z", hourly_rate: 7 });
    expect(res.status).toBe(409);
    expect((await body(res)).error.fields).toHaveProperty("hourly_rate");
  });

  it("a manager's voicemail edit is 403 even with other valid fields; nothing is written", async () => {
    const before = await get(id);
    const res = await patch(id, { expected_updated_at: before.updated_at, hourly_rate: 10, voicemail_detection: null });
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe("forbidden");
    expect((await h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${id}`)).hourly_rate).toBe(120);
  });

  it.each([
    ["daily_start_time", "24:00"],
    ["daily_end_time", "noon"],
    ["active_days", []],
    ["hourly_rate", 0],
    ["hourly_rate", 3601],
    ["max_daily_calls", -5],
    ["retry_count", 99],
    ["retry_interval", "soon"],
    ["caller_id", "555-1234"],
    ["source", "12345"],
    ["labels", ["a,b"]],
    ["description", 42],
    ["campaign_variables", { "bad key": "v" }],
    ["voicemail_detection.voicemail_detection_overall_timeout", -1],
    ["voicemail_detection.mode", "v9"],
  ])("a bad %s gets a 422 field error on that field", async (field, value) => {
    const before = await get(id);
    const [top, sub] = field.split(".") as [string, string | undefined];
    const res = await patch(id, { expected_updated_at: before.updated_at, [top]: sub ? { [sub]: value } : value }, "admin");
    expect(res.status).toBe(422);
    const out = await body(res);
    expect(out.error.code).toBe("validation_failed");
    expect(Object.keys(out.error.fields).some((k) => k === field || k.startsWith(`${field}.`))).toBe(true);
  });

  it("an end time equal to the stored start time is a field error found after merging; one before it crosses midnight", async () => {
    const before = await get(id);
    const res = await patch(id, { expected_updated_at: before.updated_at, daily_end_time: "13:00" });
    expect(res.status).toBe(422);
    expect((await body(res)).error.fields).toEqual({
      daily_end_time: "The end time must differ from the start time (a window may cross midnight, e.g. 22:00–06:00).",
    });
    const overnight = await patch(id, { expected_updated_at: before.updated_at, daily_start_time: "22:00", daily_end_time: "06:00" });
    expect(overnight.status).toBe(200);
    expect((await get(id)).daily_start_time).toMatch(/^22:00/);
  });

  it("refuses fields the console does not edit", async () => {
    const before = await get(id);
    const res = await patch(id, { expected_updated_at: before.updated_at, agent_id: 7 }, "admin");
    expect(res.status).toBe(422);
    expect(JSON.stringify((await body(res)).error.fields)).toContain("agent_id");
  });

  it("supervisor 403 and anonymous 401 on writes; unknown or non-numeric id 404", async () => {
    const before = await get(id);
    expect((await patch(id, { expected_updated_at: before.updated_at, hourly_rate: 5 }, "supervisor")).status).toBe(403);
    expect((await patch(id, { expected_updated_at: before.updated_at, hourly_rate: 5 }, null)).status).toBe(401);
    expect((await h.call(GET, "/api/campaigns/1", { role: null, params: { campaignId: "1" } })).status).toBe(401);
    expect((await h.call(LIST, "/api/campaigns", { role: null })).status).toBe(401);
    expect((await h.call(DELETE, `/api/campaigns/${id}`, { method: "DELETE", role: "manager", params: { campaignId: String(id) } })).status).toBe(403);
    expect((await h.call(CREATE, "/api/campaigns", { role: "manager", json: {} })).status).toBe(403);
    expect((await h.call(GET, "/api/campaigns/abc", { role: "supervisor", params: { campaignId: "abc" } })).status).toBe(404);
    expect((await h.call(GET, "/api/campaigns/999999", { role: "supervisor", params: { campaignId: "999999" } })).status).toBe(404);
    expect((await patch(999999, { expected_updated_at: "x", hourly_rate: 5 })).status).toBe(404);
  });

  it("an upstream failure is a 502 in the error shape (sandbox fault)", async () => {
    const before = await get(id);
    await h.faults({ error_rate: 1, error_status: 500 });
    const res = await patch(id, { expected_updated_at: before.updated_at, hourly_rate: 5 });
    expect(res.status).toBe(502);
    const out = await body(res);
    expect(out.error.code).toBe("upstream_failed");
    expect(JSON.stringify(out)).not.toContain("Injected fault");
    const list = await h.call(LIST, "/api/campaigns", { role: "supervisor" });
    expect(list.status).toBe(502);
  });

  it("an upstream that never answers is a 504 upstream_timeout after the configured timeout (sandbox hang)", async () => {
    const before = await get(id);
    await h.faults({ hang: true });
    try {
      const started = Date.now();
      const [detail, list, write] = await Promise.all([
        h.call(GET, `/api/campaigns/${id}`, { role: "supervisor", params: { campaignId: String(id) } }),
        h.call(LIST, "/api/campaigns", { role: "supervisor" }),
        patch(id, { expected_updated_at: before.updated_at, hourly_rate: 5 }),
      ]);
      const elapsed = Date.now() - started;
      for (const res of [detail, list, write]) {
        expect(res.status).toBe(504);
        const out = await body(res);
        expect(Object.keys(out)).toEqual(["error"]);
        expect(out.error.code).toBe("upstream_timeout");
        expect(out.error.message).toBe("Syllable did not answer within 2 s. Try again in a moment.");
        expect(JSON.stringify(out)).not.toContain("Injected");
      }
      // Waited for the timeout, not forever, and not less.
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(TIMEOUT_MS * 3);
    } finally {
      await h.faults(null);
    }
    // Nothing was written, and the console answers normally once Syllable is back.
    expect((await h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${id}`)).hourly_rate).toBe(120);
    expect((await h.call(GET, `/api/campaigns/${id}`, { role: "supervisor", params: { campaignId: String(id) } })).status).toBe(200);
  });
});

describe("GET/POST/DELETE /api/campaigns", () => {
  it("lists with search, mode filter, sorting and batch counts", async () => {
    const name = `Searchable ${Date.now()}`;
    const other = await createRichCampaign(name);
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: `b-${other}-1`, campaign_id: other, paused: true });
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: `b-${other}-2`, campaign_id: other, paused: true });
    const res = await h.call(LIST, `/api/campaigns?search=${encodeURIComponent(name)}&mode=voice&order_by=campaign_name&order_dir=desc`, {
      role: "supervisor",
    });
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.items.map((c: Json) => c.id)).toEqual([other]);
    expect(out.items[0].batch_counts.total).toBe(2);
    expect(out.items[0].batch_counts.active).toBeGreaterThanOrEqual(0);
    expect(out.page).toBe(1);
    expect(out.total_count).toBe(1);
    expect(out.batch_counts_complete).toBe(true);
    const none = await body(await h.call(LIST, `/api/campaigns?search=${encodeURIComponent(name)}&mode=sms`, { role: "supervisor" }));
    expect(none.items).toEqual([]);
    expect((await h.call(LIST, "/api/campaigns?limit=1000", { role: "supervisor" })).status).toBe(422);
  });

  it("an admin creates a campaign; bad fields are 422 with field errors", async () => {
    const ok = await h.call(CREATE, "/api/campaigns", {
      role: "admin",
      json: {
        campaign_name: "New one",
        mode: "voice",
        caller_id: "+15125550100",
        source: "+15125550100",
        daily_start_time: "09:00",
        daily_end_time: "17:00",
        active_days: ["mon"],
        hourly_rate: 30,
        retry_count: 1,
        retry_interval: "1h",
      },
    });
    expect(ok.status).toBe(201);
    const created = (await body(ok)).campaign as Json;
    expect(created.daily_start_time).toBe("09:00:00");
    expect(created.active_days).toEqual(["mon"]);
    const bad = await h.call(CREATE, "/api/campaigns", {
      role: "admin",
      json: {
        campaign_name: "",
        mode: "fax",
        caller_id: "1",
        source: null,
        daily_start_time: "17:00",
        daily_end_time: "17:00",
        active_days: [],
        hourly_rate: 0,
        retry_count: 0,
        retry_interval: null,
      },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys((await body(bad)).error.fields).sort()).toEqual(["active_days", "caller_id", "campaign_name", "daily_end_time", "hourly_rate", "mode"]);
  });

  it("delete needs a reason: without one it is a 422 on reason and the campaign stays; the reason is audited", async () => {
    for (const json of [undefined, {}, { reason: " x " }]) {
      const res = await h.call(DELETE, `/api/campaigns/${id}`, { method: "DELETE", role: "admin", params: { campaignId: String(id) }, json });
      expect(res.status).toBe(422);
      expect((await body(res)).error.fields).toHaveProperty("reason");
    }
    expect((await h.call(GET, `/api/campaigns/${id}`, { role: "admin", params: { campaignId: String(id) } })).status).toBe(200);
    expect(
      (
        await h.call(DELETE, `/api/campaigns/${id}`, {
          method: "DELETE",
          role: "admin",
          params: { campaignId: String(id) },
          json: { reason: "replaced by Q1" },
        })
      ).status,
    ).toBe(200);
    const [entry] = await (await import("@/lib/server/store")).getStore().audit.list({ target: `campaign:${id}`, action: "campaign.delete", limit: 1 });
    expect(entry).toMatchObject({ outcome: "ok", detail: { reason: "replaced by Q1", confirmed_active_batches: false } });
  });

  it("delete refuses with 409 while batches are active unless confirmed", async () => {
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: `del-${id}`, campaign_id: id, paused: true });
    const refused = await h.call(DELETE, `/api/campaigns/${id}`, {
      method: "DELETE",
      role: "admin",
      params: { campaignId: String(id) },
      json: { reason: "cleanup" },
    });
    expect(refused.status).toBe(409);
    expect((await body(refused)).error.fields).toHaveProperty("confirm_active_batches");
    const ok = await h.call(DELETE, `/api/campaigns/${id}`, {
      method: "DELETE",
      role: "admin",
      params: { campaignId: String(id) },
      json: { reason: "cleanup", confirm_active_batches: true },
    });
    expect(ok.status).toBe(200);
    expect((await h.call(GET, `/api/campaigns/${id}`, { role: "admin", params: { campaignId: String(id) } })).status).toBe(404);
  });

  it("delete without active batches needs no confirmation; ?force=true also confirms", async () => {
    const ok = await h.call(DELETE, `/api/campaigns/${id}`, {
      method: "DELETE",
      role: "admin",
      params: { campaignId: String(id) },
      json: { reason: "cleanup" },
    });
    expect(ok.status).toBe(200);
    const other = await createRichCampaign("force");
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: `force-${other}`, campaign_id: other, paused: true });
    expect(
      (
        await h.call(DELETE, `/api/campaigns/${other}?force=true`, {
          method: "DELETE",
          role: "admin",
          params: { campaignId: String(other) },
          json: { reason: "cleanup" },
        })
      ).status,
    ).toBe(200);
  });
});

// Another writer inside the safe write's read-to-write window (Syllable has no conditional PUT).
// Every upstream call takes 1 s: the console reads at 1 s, re-reads at 2 s, PUTs at 3 s and
// reads back at 4 s; the other writer's PUT is timed to land inside one of those gaps.
describe("PATCH /api/campaigns/{id}: another writer during the save", () => {
  // `full` is read before the faults are on, so the PUT alone is timed.
  async function otherWriterAt(campaignId: number, full: Json, startMs: number, change: Json): Promise<void> {
    await new Promise((r) => setTimeout(r, startMs));
    await h.sandbox("PUT", `/api/v1/outbound/campaigns/${campaignId}`, { ...toCampaignInput(full as never), ...change });
  }

  it("a change landing between the console's read and its PUT is kept (before: silently overwritten) and reported", async () => {
    const cid = await createRichCampaign("race-kept");
    const before = await get(cid);
    const full = await h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${cid}`);
    await h.faults({ latency_ms: 1000 });
    try {
      const [res] = await Promise.all([
        patch(cid, { expected_updated_at: before.updated_at, description: "from the console" }),
        otherWriterAt(cid, full, 300, { hourly_rate: 77 }),
      ]);
      expect(res.status).toBe(200);
      const out = await body(res);
      expect(out.campaign).toMatchObject({ description: "from the console", hourly_rate: 77 });
      expect(out.kept_theirs).toEqual(["hourly_rate"]);
      expect(out.not_applied).toEqual([]);
      expect(out.overwritten).toEqual([]);
    } finally {
      await h.faults(null);
    }
    expect(await get(cid)).toMatchObject({ description: "from the console", hourly_rate: 77 });
  });

  it("the same field changed by both in that window is a 409 naming it, not a silent loss", async () => {
    const cid = await createRichCampaign("race-clash");
    const before = await get(cid);
    const full = await h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${cid}`);
    await h.faults({ latency_ms: 1000 });
    try {
      const [res] = await Promise.all([
        patch(cid, { expected_updated_at: before.updated_at, hourly_rate: 50 }),
        otherWriterAt(cid, full, 300, { hourly_rate: 77 }),
      ]);
      expect(res.status).toBe(409);
      const out = await body(res);
      expect(Object.keys(out.error.fields)).toEqual(["hourly_rate"]);
      expect(out.current.hourly_rate).toBe(77);
    } finally {
      await h.faults(null);
    }
  });

  it("a change of ours replaced right after our PUT is reported as overwritten with both values", async () => {
    const cid = await createRichCampaign("race-after");
    const before = await get(cid);
    const full = await h.sandbox<Json>("GET", `/api/v1/outbound/campaigns/${cid}`);
    await h.faults({ latency_ms: 1000 });
    try {
      const [res] = await Promise.all([
        patch(cid, { expected_updated_at: before.updated_at, hourly_rate: 50 }),
        otherWriterAt(cid, full, 2400, { hourly_rate: 77 }),
      ]);
      expect(res.status).toBe(200);
      const out = await body(res);
      expect(out.overwritten).toEqual([{ field: "hourly_rate", yours: 50, theirs: 77 }]);
      expect(out.not_applied).toEqual([]);
      expect(out.campaign.hourly_rate).toBe(77);
    } finally {
      await h.faults(null);
    }
  });
});

// Conformance and behaviour of the 14 operations on small fixtures (no seed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { operations } from "./openapi-validator";
import { API, call, type Call, campaignBody, createBatch, createCampaign, csvForm, csvRows, makeSandbox } from "./helpers";

let sb: Sandbox;
let campaignId: number;
const covered = new Set<string>();
const hit = (method: string, template: string) => covered.add(`${method} ${API}${template}`);

beforeAll(async () => {
  sb = await makeSandbox();
  campaignId = await createCampaign(sb, { labels: ["alpha", "beta"], campaign_name: "Alpha calls" });
});
afterAll(async () => {
  await sb.close();
  // Every documented operation must have been exercised by this file.
  expect(
    operations()
      .map(([m, p]) => `${m} ${p}`)
      .filter((op) => !covered.has(op)),
  ).toEqual([]);
});

describe("auth", () => {
  it("401s without or with a wrong key, on API and control routes", async () => {
    for (const key of [null, "wrong"]) {
      const a = await call(sb, "GET", `${API}/batches`, { key });
      expect(a.status).toBe(401);
      expect(a.body).toEqual({ detail: "Invalid or missing API key" });
      const b = await call(sb, "GET", "/__sandbox/clock", { key, template: null });
      expect(b.status).toBe(401);
    }
  });
  it("sets X-Sandbox-Now on every answer", async () => {
    const res = await call(sb, "GET", `${API}/campaigns`);
    expect(Date.parse(res.headers.get("X-Sandbox-Now") ?? "")).not.toBeNaN();
  });
});

describe("campaigns", () => {
  it("creates, gets, lists, updates and deletes", async () => {
    const created = await call(sb, "POST", `${API}/campaigns`, {
      json: campaignBody({ campaign_name: "CRUD", daily_start_time: "09:00", unknown_top_level: 1 }),
    });
    hit("POST", "/campaigns");
    expect(created.status).toBe(200);
    expect(created.body.daily_start_time).toBe("09:00:00");
    expect(created.body.hourly_rate).toBe(60);
    expect(created.body.webhooks).toEqual([]);
    expect(created.body).not.toHaveProperty("unknown_top_level");
    const id = created.body.id as number;
    const got = await call(sb, "GET", `${API}/campaigns/${id}`);
    hit("GET", "/campaigns/{campaign_id}");
    expect(got.body).toEqual(created.body);
    const put = await call(sb, "PUT", `${API}/campaigns/${id}`, { json: campaignBody({ campaign_name: "CRUD 2" }) });
    hit("PUT", "/campaigns/{campaign_id}");
    expect(put.status).toBe(200);
    expect(put.body.campaign_name).toBe("CRUD 2");
    expect(put.body.updated_at).not.toBe(created.body.updated_at);
    expect(put.body.updated_at).toMatch(/\.\d{3}Z$/);
    expect(put.body.last_updated_by).toBe("sandbox-api@syllable.local");
    const del = await call(sb, "DELETE", `${API}/campaigns/${id}`);
    hit("DELETE", "/campaigns/{campaign_id}");
    expect(del.status).toBe(200);
    for (const m of ["GET", "PUT", "DELETE"]) {
      const res = await call(sb, m, `${API}/campaigns/${id}`, m === "PUT" ? { json: campaignBody() } : {});
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: "Campaign not found" });
    }
  });

  it("422s a non-integer id with loc path.campaign_id", async () => {
    for (const m of ["GET", "PUT", "DELETE"]) {
      const res = await call(sb, m, `${API}/campaigns/abc`, m === "PUT" ? { json: campaignBody() } : {});
      expect(res.status).toBe(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ["path", "campaign_id"], type: "int_parsing" });
    }
  });

  it.each([
    [{ hourly_rate: 0 }, ["body", "hourly_rate"], "greater_than_equal"],
    [{ hourly_rate: 3601 }, ["body", "hourly_rate"], "less_than_equal"],
    [{ hourly_rate: "fast" }, ["body", "hourly_rate"], "int_type"],
    [{ campaign_name: 5 }, ["body", "campaign_name"], "string_type"],
    [{ campaign_name: undefined }, ["body", "campaign_name"], "missing"],
    [{ caller_id: undefined }, ["body", "caller_id"], "missing"],
    [{ active_days: ["mon", "funday"] }, ["body", "active_days", 1], "enum"],
    [{ include_unknown_line_types: "yes" }, ["body", "include_unknown_line_types"], "bool_type"],
    [{ allowed_line_types: ["satellite"] }, ["body", "allowed_line_types", 0], "enum"],
    [{ voicemail_detection: { mode: "v3" } }, ["body", "voicemail_detection", "mode"], "enum"],
    [{ target_filters: { rules: [{ field: "line_type", op: "like" }] } }, ["body", "target_filters", "rules", 0, "op"], "enum"],
    [{ retry_interval: "soon" }, ["body", "retry_interval"], "value_error"],
    [{ daily_start_time: "9am" }, ["body", "daily_start_time"], "value_error"],
    [{ daily_end_time: "25:00" }, ["body", "daily_end_time"], "value_error"],
    [{ webhooks: [{ url: "https://x", request_method: "POST", trigger_statuses: ["NOPE"] }] }, ["body", "webhooks", 0, "trigger_statuses", 0], "enum"],
    [
      { webhooks: [{ url: "https://x", request_method: "POST", trigger_statuses: [], auth_values: { hmac_secret: "c2hvcnQ=" } }] },
      ["body", "webhooks", 0, "auth_values", "hmac_secret"],
      "value_error",
    ],
    [
      { webhooks: [{ url: "https://x", request_method: "POST", trigger_statuses: [], auth_values: { token: null } }] },
      ["body", "webhooks", 0, "auth_values"],
      "value_error",
    ],
  ])("422s campaign input %j", async (override, loc, type) => {
    const res = await call(sb, "POST", `${API}/campaigns`, { json: campaignBody(override) });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContainEqual(expect.objectContaining({ loc, type }));
  });

  it("422s malformed JSON and a missing body", async () => {
    const bad = await call(sb, "POST", `${API}/campaigns`, { raw: "{not json", headers: { "Content-Type": "application/json" } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].type).toBe("json_invalid");
    expect(bad.body.detail[0].loc[0]).toBe("body");
    const none = await call(sb, "POST", `${API}/campaigns`, { raw: "", headers: { "Content-Type": "application/json" } });
    expect(none.status).toBe(422);
    expect(none.body.detail[0]).toMatchObject({ loc: ["body"], type: "missing" });
  });

  it("lists with paging, search, order, fields and dates", async () => {
    await createCampaign(sb, { campaign_name: "Beta sms", mode: "sms", labels: ["beta"] });
    await createCampaign(sb, { campaign_name: "Gamma", label: "alpha" });
    const all = await call(sb, "GET", `${API}/campaigns`);
    hit("GET", "/campaigns");
    expect(all.body.items.map((c: { campaign_name: string }) => c.campaign_name)).toEqual(["Alpha calls", "Beta sms", "Gamma"]);
    expect(all.body.items.map((c: { id: number }) => c.id)).toEqual([...all.body.items.map((c: { id: number }) => c.id)].sort((a, b) => a - b));
    const paged = await call(sb, "GET", `${API}/campaigns?limit=2&page=1`);
    expect(paged.body).toMatchObject({ page: 1, page_size: 2, total_count: 3, total_pages: 2 });
    expect(paged.body.items).toHaveLength(1);
    const byName = await call(sb, "GET", `${API}/campaigns?search_fields=campaign_name&search_field_values=ALPHA`);
    expect(byName.body.items.map((c: { campaign_name: string }) => c.campaign_name)).toEqual(["Alpha calls"]);
    const byLabel = await call(sb, "GET", `${API}/campaigns?search_fields=labels&search_field_values=alpha`);
    expect(byLabel.body.total_count).toBe(2);
    const byMode = await call(sb, "GET", `${API}/campaigns?search_fields=mode&search_field_values=sms&search_fields=labels&search_field_values=beta`);
    expect(byMode.body.items.map((c: { campaign_name: string }) => c.campaign_name)).toEqual(["Beta sms"]);
    const ordered = await call(sb, "GET", `${API}/campaigns?order_by=campaign_name&order_by_direction=desc`);
    expect(ordered.body.items.map((c: { campaign_name: string }) => c.campaign_name)).toEqual(["Gamma", "Beta sms", "Alpha calls"]);
    const projected = await call(sb, "GET", `${API}/campaigns?fields=mode&fields=labels`);
    expect(Object.keys(projected.body.items[0]).sort()).toEqual(
      ["active_days", "caller_id", "campaign_name", "campaign_variables", "id", "labels", "last_updated_by", "mode"].sort(),
    );
    const future = await call(sb, "GET", `${API}/campaigns?start_datetime=2999-01-01T00:00:00Z`);
    expect(future.body.total_count).toBe(0);
    const cap = await call(sb, "GET", `${API}/campaigns?limit=5000`);
    expect(cap.body.page_size).toBe(1000);
  });

  it.each([
    ["page=-1", ["query", "page"], "greater_than_equal"],
    ["limit=abc", ["query", "limit"], "int_parsing"],
    ["order_by=nope", ["query", "order_by"], "enum"],
    ["order_by_direction=up", ["query", "order_by_direction"], "enum"],
    ["search_fields=nope&search_field_values=x", ["query", "search_fields", 0], "enum"],
    ["search_fields=id", ["query", "search_field_values"], "value_error"],
    ["fields=secret", ["query", "fields", 0], "enum"],
    ["start_datetime=yesterday", ["query", "start_datetime"], "datetime_parsing"],
  ])("422s list query %s", async (qs, loc, type) => {
    for (const path of ["campaigns", "batches"]) {
      const q = path === "batches" ? qs.replace("order_by=nope", "order_by=campaign_name").replace("search_fields=id", "search_fields=batch_id") : qs;
      const res = await call(sb, "GET", `${API}/${path}?${q}`);
      expect(res.status).toBe(422);
      expect(res.body.detail).toContainEqual(expect.objectContaining({ loc, type }));
    }
  });
});

describe("campaign PUT is a full replacement", () => {
  const secret = Buffer.alloc(32, 7).toString("base64");
  const secret2 = Buffer.alloc(64, 9).toString("base64");
  const hook = { url: "https://example.com/h", request_method: "POST", trigger_statuses: ["COMPLETED"] };

  it("drops omitted fields, keeps null-valued secrets, removes omitted secrets", async () => {
    const created = await call(sb, "POST", `${API}/campaigns`, {
      json: campaignBody({
        max_daily_calls: 50,
        labels: ["x"],
        allowed_line_types: ["mobile"],
        target_filters: { rules: [{ field: "line_type", op: "in", values: ["mobile"] }] },
        voicemail_detection: { mode: "v2", custom_flag: { nested: true }, voicemail_detection_overall_timeout: 20 },
        webhooks: [
          { ...hook, auth_values: { hmac_secret: secret } },
          { ...hook, url: "https://example.com/second", auth_values: { hmac_secret: secret } },
        ],
      }),
    });
    expect(created.status).toBe(200);
    const id = created.body.id as number;
    expect(created.body.voicemail_detection).toEqual({ mode: "v2", custom_flag: { nested: true }, voicemail_detection_overall_timeout: 20 });
    expect(created.body.target_filters).toEqual({ match: "all", on_unknown: "include", rules: [{ field: "line_type", op: "in", values: ["mobile"] }] });
    const [w1, w2] = created.body.webhooks as { id: number; auth_value_keys: string[] }[];
    expect(w1?.auth_value_keys).toEqual(["hmac_secret"]);
    expect(JSON.stringify(created.body)).not.toContain(secret);

    // PUT: w1 keeps its secret via null, w2 omits the key (removed), a new hook is added.
    const put = await call(sb, "PUT", `${API}/campaigns/${id}`, {
      json: campaignBody({
        voicemail_detection: created.body.voicemail_detection,
        webhooks: [
          { ...hook, id: w1?.id, auth_values: { hmac_secret: null } },
          { ...hook, id: w2?.id, url: "https://example.com/second-v2" },
          { ...hook, url: "https://example.com/third", auth_values: { hmac_secret: secret2 } },
        ],
      }),
    });
    expect(put.status).toBe(200);
    expect(put.body.max_daily_calls).toBeNull();
    expect(put.body.labels).toBeNull();
    expect(put.body.allowed_line_types).toBeNull();
    expect(put.body.target_filters).toBeNull();
    expect(put.body.voicemail_detection.custom_flag).toEqual({ nested: true });
    const hooks = put.body.webhooks as { id: number; url: string; auth_value_keys: string[] }[];
    expect(hooks.map((h) => h.url)).toEqual(["https://example.com/h", "https://example.com/second-v2", "https://example.com/third"]);
    expect(hooks.map((h) => h.auth_value_keys)).toEqual([["hmac_secret"], [], ["hmac_secret"]]);
    expect(hooks[0]?.id).toBe(w1?.id);
    const secrets = await call(sb, "GET", `/__sandbox/campaigns/${id}/webhook-secrets`, { template: null });
    expect(secrets.body).toEqual([
      { webhook_id: w1?.id, auth_values: { hmac_secret: secret } },
      { webhook_id: w2?.id, auth_values: {} },
      { webhook_id: hooks[2]?.id, auth_values: { hmac_secret: secret2 } },
    ]);

    // Unknown webhook id → 422 and nothing changes.
    const bad = await call(sb, "PUT", `${API}/campaigns/${id}`, { json: campaignBody({ webhooks: [{ ...hook, id: 999999 }] }) });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(["body", "webhooks", 0, "id"]);
    expect((await call(sb, "GET", `${API}/campaigns/${id}`)).body.webhooks).toHaveLength(3);

    // Webhooks omitted → all removed; voicemail omitted → null.
    const wiped = await call(sb, "PUT", `${API}/campaigns/${id}`, { json: campaignBody() });
    expect(wiped.body.webhooks).toEqual([]);
    expect(wiped.body.voicemail_detection).toBeNull();
    expect((await call(sb, "GET", `/__sandbox/campaigns/${id}/webhook-secrets`, { template: null })).body).toEqual([]);
  });
});

describe("batches", () => {
  it("creates, gets, updates (partial) and conflicts on duplicate ids", async () => {
    const created = await createBatch(sb, { batch_id: "b-crud", campaign_id: campaignId, paused: true, call_rate: 10, expires_on: "2999-01-01T00:00:00Z" });
    hit("POST", "/batches");
    expect(created.body).toMatchObject({ batch_id: "b-crud", status: "PAUSED", paused: true, call_rate: 10, expires_on: "2999-01-01T00:00:00.000Z" });
    const dup = await call(sb, "POST", `${API}/batches`, { json: { batch_id: "b-crud", campaign_id: campaignId } });
    expect(dup.status).toBe(409);
    expect(typeof dup.body.detail).toBe("string");
    const noCampaign = await call(sb, "POST", `${API}/batches`, { json: { batch_id: "b-x", campaign_id: 424242 } });
    expect(noCampaign.status).toBe(422);
    expect(noCampaign.body.detail[0].loc).toEqual(["body", "campaign_id"]);
    expect(noCampaign.body.detail[0].msg).toContain("not found");

    const put1 = await call(sb, "PUT", `${API}/batches/b-crud`, { json: { paused: false } });
    hit("PUT", "/batches/{batch_id}");
    expect(put1.body).toMatchObject({ paused: false, call_rate: 10, expires_on: "2999-01-01T00:00:00.000Z", status: "PENDING" });
    const put2 = await call(sb, "PUT", `${API}/batches/b-crud`, { json: { call_rate: null, expires_on: null } });
    expect(put2.body).toMatchObject({ paused: false, call_rate: null, expires_on: null });
    const details = await call(sb, "GET", `${API}/batches/b-crud`);
    hit("GET", "/batches/{batch_id}");
    expect(details.body).toMatchObject({ status_counts: {}, detailed_status_counts: {} });
  });

  it.each([
    [{ batch_id: "v1", campaign_id: "one" }, ["body", "campaign_id"], "int_type"],
    [{ campaign_id: 1 }, ["body", "batch_id"], "missing"],
    [{ batch_id: "v1", campaign_id: 1, call_rate: 0 }, ["body", "call_rate"], "greater_than_equal"],
    [{ batch_id: "v1", campaign_id: 1, call_rate: 5000 }, ["body", "call_rate"], "less_than_equal"],
    [{ batch_id: "v1", campaign_id: 1, paused: "maybe" }, ["body", "paused"], "bool_type"],
    [{ batch_id: "v1", campaign_id: 1, expires_on: "tomorrow" }, ["body", "expires_on"], "datetime_parsing"],
  ])("422s batch input %j", async (json, loc, type) => {
    const res = await call(sb, "POST", `${API}/batches`, { json });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContainEqual(expect.objectContaining({ loc, type }));
  });

  it("404s unknown batches on every batch operation", async () => {
    const form = new URLSearchParams({ delete_reason: "x" });
    const cases: [string, string, Parameters<typeof call>[3]][] = [
      ["GET", "/batches/nope", {}],
      ["PUT", "/batches/nope", { json: { paused: true } }],
      ["DELETE", "/batches/nope", { raw: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
      ["POST", "/batches/nope/upload_batch", { raw: csvForm(csvRows(1)) }],
      ["GET", "/batches/nope/results", {}],
      ["POST", "/batches/nope/requests", { json: { reference_id: "a", target: "+15125550000", request_variables: {} } }],
      ["POST", "/batches/nope/remove-requests", { json: ["a"] }],
    ];
    for (const [m, p, o] of cases) {
      const res = await call(sb, m, `${API}${p}`, o);
      expect(res.status, `${m} ${p}`).toBe(404);
      expect(res.body).toEqual({ detail: "Batch not found" });
    }
  });

  it("uploads CSVs, marks DUPLICATE/INVALID, and writes nothing on a bad file", async () => {
    await createBatch(sb, { batch_id: "b-up", campaign_id: campaignId, paused: true });
    const csv = [
      "reference_id,target,first_name,amount",
      "a1,(512) 555-0101,Ann,10",
      "a2,512-555-0102,Bob,20",
      "a3,+1 512 555 0101,Cid,30",
      "a4,not-a-number,Dee,40",
      "a5,+15125550103,Eve,50",
    ].join("\n");
    const up = await call(sb, "POST", `${API}/batches/b-up/upload_batch`, { raw: csvForm(csv, "june.csv") });
    hit("POST", "/batches/{batch_id}/upload_batch");
    expect(up.status).toBe(200);
    const results = await call(sb, "GET", `${API}/batches/b-up/results`);
    hit("GET", "/batches/{batch_id}/results");
    const byRef = Object.fromEntries((results.body as { reference_id: string }[]).map((r) => [r.reference_id, r])) as Record<string, Call["body"]>;
    expect(byRef.a1).toMatchObject({ target: "+15125550101", request_status: "PENDING", request_variables: { first_name: "Ann", amount: "10" } });
    expect(byRef.a2.target).toBe("+15125550102");
    expect(byRef.a3).toMatchObject({ request_status: "DUPLICATE", channel_manager_status: "DUPLICATE" });
    expect(byRef.a4).toMatchObject({ request_status: "INVALID", channel_manager_status: "INVALID" });
    const batch = await call(sb, "GET", `${API}/batches/b-up`);
    expect(batch.body.upload_filename).toBe("june.csv");
    expect(batch.body.status_counts).toEqual({ PENDING: 3, DUPLICATE: 1, INVALID: 1 });

    const bad: [string, string][] = [
      ["", "empty"],
      ["reference_id,target\n", "no rows"],
      ["reference_id,first_name\nz1,Zed", "missing target"],
      ['reference_id,target\nz1,"+15125550999\nz2,+15125550998', "unclosed quote"],
      ["reference_id,target\nz1,+15125550999,extra", "too many fields"],
      ["reference_id,target\nz1,+15125550999\nz1,+15125550998", "repeat in file"],
      ["reference_id,target\nz1,+15125550999\na1,+15125550998", "repeat of existing"],
    ];
    for (const [content, why] of bad) {
      const res = await call(sb, "POST", `${API}/batches/b-up/upload_batch`, { raw: csvForm(content) });
      expect(res.status, why).toBe(422);
      expect(res.body.detail[0].loc, why).toEqual(["body", "file"]);
    }
    const noFile = await call(sb, "POST", `${API}/batches/b-up/upload_batch`, { raw: new FormData() });
    expect(noFile.body.detail[0]).toMatchObject({ loc: ["body", "file"], type: "missing" });
    const after = await call(sb, "GET", `${API}/batches/b-up/results`);
    expect(after.body).toHaveLength(5);
    expect((await call(sb, "GET", `${API}/batches/b-up`)).body.upload_filename).toBe("june.csv");

    // Exact-match filters.
    expect((await call(sb, "GET", `${API}/batches/b-up/results?status=DUPLICATE`)).body).toHaveLength(1);
    expect((await call(sb, "GET", `${API}/batches/b-up/results?reference_id=a2`)).body[0].reference_id).toBe("a2");
    expect((await call(sb, "GET", `${API}/batches/b-up/results?reference_id=a`)).body).toEqual([]);
    expect((await call(sb, "GET", `${API}/batches/b-up/results?insights_status=COMPLETED`)).body).toEqual([]);
  });

  it("adds single requests and rejects repeated reference ids", async () => {
    await createBatch(sb, { batch_id: "b-add", campaign_id: campaignId, paused: true });
    const ok = await call(sb, "POST", `${API}/batches/b-add/requests`, {
      json: { reference_id: "x1", target: "512.555.0142", request_variables: { k: "v" } },
    });
    hit("POST", "/batches/{batch_id}/requests");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ reference_id: "x1", target: "+15125550142", request_status: "PENDING", attempt_count: 0 });
    const again = await call(sb, "POST", `${API}/batches/b-add/requests`, { json: { reference_id: "x1", target: "+15125550143", request_variables: {} } });
    expect(again.status).toBe(422);
    expect(again.body.detail[0].loc).toEqual(["body", "reference_id"]);
    const badVars = await call(sb, "POST", `${API}/batches/b-add/requests`, {
      json: { reference_id: "x2", target: "+15125550143", request_variables: { n: 1 } },
    });
    expect(badVars.body.detail[0]).toMatchObject({ loc: ["body", "request_variables", "n"], type: "string_type" });
    const missing = await call(sb, "POST", `${API}/batches/b-add/requests`, { json: { reference_id: "x2", target: "+15125550143" } });
    expect(missing.body.detail[0]).toMatchObject({ loc: ["body", "request_variables"], type: "missing" });
    const dup = await call(sb, "POST", `${API}/batches/b-add/requests`, { json: { reference_id: "x3", target: "+15125550142", request_variables: {} } });
    expect(dup.body.request_status).toBe("DUPLICATE");
    expect((await call(sb, "GET", `${API}/batches/b-add`)).body.status).toBe("PAUSED");
  });

  it("removes only pending, unattempted requests", async () => {
    await createBatch(sb, { batch_id: "b-rm", campaign_id: campaignId, paused: true });
    await call(sb, "POST", `${API}/batches/b-rm/upload_batch`, { raw: csvForm(csvRows(3)) });
    sb.db.prepare("UPDATE requests SET request_status = 'COMPLETED', attempt_count = 1 WHERE batch_id = 'b-rm' AND reference_id = 'r1'").run();
    const res = await call(sb, "POST", `${API}/batches/b-rm/remove-requests`, { json: ["r0", "r1", "ghost"] });
    hit("POST", "/batches/{batch_id}/remove-requests");
    expect(res.body).toEqual({ removed: ["r0"], not_removed: ["r1", "ghost"] });
    expect((await call(sb, "GET", `${API}/batches/b-rm/results`)).body.map((r: { reference_id: string }) => r.reference_id)).toEqual(["r1", "r2"]);
    const bad = await call(sb, "POST", `${API}/batches/b-rm/remove-requests`, { json: { reference_ids: ["r2"] } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ["body"], type: "list_type" });
    const badItem = await call(sb, "POST", `${API}/batches/b-rm/remove-requests`, { json: ["r2", 3] });
    expect(badItem.body.detail[0]).toMatchObject({ loc: ["body", 1], type: "string_type" });
  });

  it("soft-deletes with a form-encoded reason", async () => {
    await createBatch(sb, { batch_id: "b-del", campaign_id: campaignId });
    const missing = await call(sb, "DELETE", `${API}/batches/b-del`, {
      raw: new URLSearchParams({}),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ loc: ["body", "delete_reason"], type: "missing" });
    const del = await call(sb, "DELETE", `${API}/batches/b-del`, {
      raw: new URLSearchParams({ delete_reason: "wrong list" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    hit("DELETE", "/batches/{batch_id}");
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ deleted_reason: "wrong list" });
    expect(del.body.deleted_at).toBeTruthy();
    expect((await call(sb, "GET", `${API}/batches/b-del`)).status).toBe(404);
    const list = await call(sb, "GET", `${API}/batches?limit=1000`);
    expect(list.body.items.map((b: { batch_id: string }) => b.batch_id)).not.toContain("b-del");
    // The id stays taken, like a unique constraint on a soft-deleted row.
    expect((await call(sb, "POST", `${API}/batches`, { json: { batch_id: "b-del", campaign_id: campaignId } })).status).toBe(409);
  });

  it("lists batches newest first with search, order and fields", async () => {
    sb.engine.advance(60_000);
    await createBatch(sb, { batch_id: "b-zz-newest", campaign_id: campaignId, paused: true });
    const list = await call(sb, "GET", `${API}/batches`);
    hit("GET", "/batches");
    expect(list.body.items[0].batch_id).toBe("b-zz-newest");
    const search = await call(sb, "GET", `${API}/batches?search_fields=batch_id&search_field_values=B-U`);
    expect(search.body.items.map((b: { batch_id: string }) => b.batch_id)).toEqual(["b-up"]);
    const paused = await call(sb, "GET", `${API}/batches?search_fields=status&search_field_values=PAUSED&order_by=batch_id&order_by_direction=asc`);
    expect(paused.body.items.map((b: { batch_id: string }) => b.batch_id)).toEqual(["b-add", "b-rm", "b-up", "b-zz-newest"]);
    const byCampaign = await call(sb, "GET", `${API}/batches?search_fields=campaign_id&search_field_values=${campaignId}&fields=status&limit=2`);
    expect(byCampaign.body.total_count).toBeGreaterThanOrEqual(5);
    expect(Object.keys(byCampaign.body.items[0]).sort()).toEqual(["batch_id", "campaign_id", "last_updated_by", "status"]);
    const badStatus = await call(sb, "GET", `${API}/batches?search_fields=status&search_field_values=SLEEPING`);
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.detail[0]).toMatchObject({ loc: ["query", "search_field_values", 0], type: "enum" });
    const zero = await call(sb, "GET", `${API}/batches?limit=0`);
    expect(zero.body).toMatchObject({ items: [], page_size: 0, total_pages: 0 });
  });
});

// Syllable's API as of August 2026 (the refreshed outbound-openapi.json): auto-paced batches,
// the voicemail v2 pre-speech timeout, NO_OUTCOME, 405 for unsupported methods, and no sent_at
// before created_at. Every answer is validated against the document by `call`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { autoPacedRate, validMsBetween } from "../engine";
import type { StoredCampaign } from "../campaign-store";
import { API, call, campaignBody, createBatch, createCampaign, csvForm, csvRows, makeSandbox } from "./helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let sb: Sandbox;

beforeEach(async () => {
  sb = await makeSandbox();
  // Monday 00:00 UTC, so windows and days are predictable.
  const now = sb.clock.now();
  const d = new Date(now);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  sb.clock.advance(monday - now);
  sb.engine.lastProcessed = sb.clock.now();
});
afterEach(async () => {
  await sb.close();
});

const iso = (ms: number) => new Date(ms).toISOString();

async function filledBatch(id: string, campaignId: number, n: number, extra: Record<string, unknown>) {
  await createBatch(sb, { batch_id: id, campaign_id: campaignId, paused: true, ...extra });
  expect((await call(sb, "POST", `${API}/batches/${id}/upload_batch`, { raw: csvForm(csvRows(n)) })).status).toBe(200);
  expect((await call(sb, "PUT", `${API}/batches/${id}`, { json: { paused: false } })).status).toBe(200);
}

describe("auto_call_rate on the API", () => {
  it("is returned (false by default, no baseline), kept on create and update, and round-trips", async () => {
    const cid = await createCampaign(sb);
    const plain = await createBatch(sb, { batch_id: "plain", campaign_id: cid });
    expect(plain.body).toMatchObject({ auto_call_rate: false, auto_call_rate_baseline: null });
    const expires = iso(sb.clock.now() + 2 * DAY);
    const auto = await createBatch(sb, { batch_id: "auto", campaign_id: cid, expires_on: expires, auto_call_rate: true });
    expect(auto.body).toMatchObject({ auto_call_rate: true, auto_call_rate_baseline: null });
    expect((await call(sb, "GET", `${API}/batches/auto`)).body.auto_call_rate).toBe(true);
    // Omitted or null leaves it; false turns it off.
    expect((await call(sb, "PUT", `${API}/batches/auto`, { json: { call_rate: 10 } })).body.auto_call_rate).toBe(true);
    expect((await call(sb, "PUT", `${API}/batches/auto`, { json: { auto_call_rate: null } })).body.auto_call_rate).toBe(true);
    expect((await call(sb, "PUT", `${API}/batches/auto`, { json: { auto_call_rate: false } })).body.auto_call_rate).toBe(false);
    // Enabling with an expiry sent in the same update works.
    const on = await call(sb, "PUT", `${API}/batches/plain`, { json: { auto_call_rate: true, expires_on: expires } });
    expect(on.status).toBe(200);
    expect(on.body.auto_call_rate).toBe(true);
  });

  it("without an expiry is a 422 at body.auto_call_rate, on create and on update", async () => {
    const cid = await createCampaign(sb);
    const created = await call(sb, "POST", `${API}/batches`, { json: { batch_id: "nope", campaign_id: cid, auto_call_rate: true } });
    expect(created.status).toBe(422);
    expect(created.body.detail[0].loc).toEqual(["body", "auto_call_rate"]);
    await createBatch(sb, { batch_id: "noexp", campaign_id: cid });
    const updated = await call(sb, "PUT", `${API}/batches/noexp`, { json: { auto_call_rate: true } });
    expect(updated.status).toBe(422);
    expect(updated.body.detail[0].loc).toEqual(["body", "auto_call_rate"]);
    // Clearing the expiry of an auto-paced batch is refused the same way.
    await createBatch(sb, { batch_id: "hasexp", campaign_id: cid, expires_on: iso(sb.clock.now() + DAY), auto_call_rate: true });
    expect((await call(sb, "PUT", `${API}/batches/hasexp`, { json: { expires_on: null } })).status).toBe(422);
  });
});

describe("auto pacing in the engine", () => {
  it("counts only valid calling hours before the expiry", () => {
    const c = { daily_start_time: "09:00:00", daily_end_time: "16:59:59", active_days: ["mon", "tue", "wed", "thu", "fri"] } as StoredCampaign;
    const monday = Date.UTC(2026, 10, 23);
    expect(validMsBetween(c, monday, monday + DAY)).toBe(8 * HOUR);
    expect(validMsBetween(c, monday + 12 * HOUR, monday + 7 * DAY)).toBe(5 * HOUR + 4 * 8 * HOUR); // weekend excluded
    const overnight = { ...c, daily_start_time: "22:00:00", daily_end_time: "01:59:59", active_days: ["mon"] } as StoredCampaign;
    expect(validMsBetween(overnight, monday, monday + 2 * DAY)).toBe(4 * HOUR);
  });

  it("derives the rate from what is left, then holds later cycles within ±20% of the baseline", () => {
    const c = { daily_start_time: "00:00:00", daily_end_time: "23:59:59", active_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] } as StoredCampaign;
    const first = autoPacedRate(c, 900, 0, 10 * HOUR, null)!;
    expect(first).toBeCloseTo(100, 0); // 900 calls over 90% of 10 hours
    expect(autoPacedRate(c, 9000, 0, 10 * HOUR, first)).toBeCloseTo(first * 1.2, 5);
    expect(autoPacedRate(c, 10, 0, 10 * HOUR, first)).toBeCloseTo(first * 0.8, 5);
    expect(autoPacedRate(c, 0, 0, 10 * HOUR, first)).toBeNull();
  });

  it("an auto-paced batch finishes before its expiry; the same batch at a slow fixed rate does not", async () => {
    // Weekdays 09:00–17:00, a slow campaign rate: 300 contacts, expiry in 3 days.
    const cid = await createCampaign(sb, {
      daily_start_time: "09:00:00",
      daily_end_time: "16:59:59",
      active_days: ["mon", "tue", "wed", "thu", "fri"],
      hourly_rate: 5,
      retry_count: 0,
    });
    const expires = sb.clock.now() + 3 * DAY;
    await filledBatch("auto", cid, 300, { expires_on: iso(expires), auto_call_rate: true });
    await filledBatch("slow", cid, 300, { expires_on: iso(expires) });
    sb.engine.advance(10 * HOUR); // into Monday's window: the first dialing cycle sets the baseline
    const started = (await call(sb, "GET", `${API}/batches/auto`)).body;
    expect(started.auto_call_rate_baseline).toBeGreaterThan(5);
    sb.engine.advance(3 * DAY - 10 * HOUR - MIN);
    const auto = (await call(sb, "GET", `${API}/batches/auto`)).body;
    const slow = (await call(sb, "GET", `${API}/batches/slow`)).body;
    expect(auto.status_counts.PENDING ?? 0).toBe(0);
    expect(slow.status_counts.PENDING).toBeGreaterThan(150); // 5 an hour × 24 valid hours = 120 dialed
    // The baseline stays what the first cycle computed.
    expect(auto.auto_call_rate_baseline).toBe(started.auto_call_rate_baseline);
  });
});

describe("other August 2026 changes", () => {
  it("keeps voicemail_detection_v2_pre_speech_timeout", async () => {
    const vm = { mode: "v2", voicemail_detection_overall_timeout: 30, voicemail_detection_v2_pre_speech_timeout: 2.5 };
    const created = await call(sb, "POST", `${API}/campaigns`, { json: campaignBody({ voicemail_detection: vm }) });
    expect(created.status).toBe(200);
    expect((await call(sb, "GET", `${API}/campaigns/${created.body.id}`)).body.voicemail_detection).toMatchObject(vm);
  });

  it("accepts NO_OUTCOME as a webhook trigger and produces it now and then as an outcome", async () => {
    const hooks = [{ url: "https://example.com/h", request_method: "POST", trigger_statuses: ["NO_OUTCOME", "COMPLETED"] }];
    const created = await call(sb, "POST", `${API}/campaigns`, { json: campaignBody({ webhooks: hooks, hourly_rate: 3600, retry_count: 0 }) });
    expect(created.status).toBe(200);
    expect(created.body.webhooks[0].trigger_statuses).toContain("NO_OUTCOME");
    await filledBatch("outcomes", created.body.id, 800, {});
    sb.engine.advance(2 * HOUR);
    const details = (await call(sb, "GET", `${API}/batches/outcomes`)).body;
    const channels = Object.values(details.detailed_status_counts as Record<string, { counts?: Record<string, number> }>).flatMap((d) =>
      Object.keys(d.counts ?? {}),
    );
    expect(channels).toContain("NO_OUTCOME");
  });

  it("answers 405 Method Not Allowed (with Allow) for a method a known path does not support; 404 for unknown paths", async () => {
    const res = await call(sb, "PATCH", `${API}/batches`, { json: {}, template: null });
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: "Method Not Allowed" });
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect((await call(sb, "PATCH", `${API}/campaigns/1`, { json: {}, template: null })).status).toBe(405);
    expect((await call(sb, "GET", `${API}/nothing-here`, { template: null })).status).toBe(404);
  });

  it("never sends a request before it was created, even when added between two engine ticks", async () => {
    const cid = await createCampaign(sb, { hourly_rate: 3600 });
    await createBatch(sb, { batch_id: "late", campaign_id: cid, paused: false });
    sb.engine.advance(30 * 1000);
    // The clock moves on without the engine; then requests arrive and the engine catches up.
    sb.clock.advance(40 * 1000);
    expect((await call(sb, "POST", `${API}/batches/late/upload_batch`, { raw: csvForm(csvRows(50)) })).status).toBe(200);
    sb.engine.advance(10 * MIN);
    const rows = (await call(sb, "GET", `${API}/batches/late/results`)).body as { created_at: string; sent_at: string | null }[];
    const sent = rows.filter((r) => r.sent_at);
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(Date.parse(r.sent_at!)).toBeGreaterThanOrEqual(Date.parse(r.created_at));
  });
});

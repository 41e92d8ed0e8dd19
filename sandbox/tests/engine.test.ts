// The progress engine under frozen time (speed 0) and explicit advances.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { API, call, createBatch, createCampaign, csvForm, csvRows, makeSandbox } from "./helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;
let sb: Sandbox;

beforeEach(async () => {
  sb = await makeSandbox();
  // Start every test at the next Monday 00:00 UTC so windows and days are predictable.
  const now = sb.clock.now();
  const d = new Date(now);
  const daysToMonday = (8 - d.getUTCDay()) % 7 || 7;
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + daysToMonday);
  sb.clock.advance(monday - now);
  sb.engine.lastProcessed = sb.clock.now();
});
afterEach(async () => {
  await sb.close();
});

async function batchWith(id: string, campaignId: number, n: number, extra: Record<string, unknown> = {}): Promise<void> {
  await createBatch(sb, { batch_id: id, campaign_id: campaignId, paused: true, ...extra });
  const up = await call(sb, "POST", `${API}/batches/${id}/upload_batch`, { raw: csvForm(csvRows(n)) });
  expect(up.status).toBe(200);
  if (extra.paused !== true) await call(sb, "PUT", `${API}/batches/${id}`, { json: { paused: false } });
}

interface Result {
  reference_id: string;
  request_status: string;
  channel_manager_status: string | null;
  attempt_count: number;
  sent_at: string | null;
  insights_status: string | null;
  insights: Record<string, unknown> | null;
}
async function results(id: string): Promise<Result[]> {
  return (await call(sb, "GET", `${API}/batches/${id}/results`)).body as Result[];
}
const attempts = (rows: Result[]) => rows.reduce((n, r) => n + r.attempt_count, 0);

/** status_counts must equal a GROUP BY over /results and add up to the number of requests. */
async function expectCountsAgree(id: string): Promise<void> {
  const rows = await results(id);
  const details = (await call(sb, "GET", `${API}/batches/${id}`)).body;
  const grouped: Record<string, number> = {};
  for (const r of rows) grouped[r.request_status] = (grouped[r.request_status] ?? 0) + 1;
  expect(details.status_counts).toEqual(grouped);
  const total = Object.values(details.status_counts as Record<string, number>).reduce((a, b) => a + b, 0);
  expect(total).toBe(rows.length);
  for (const [status, entry] of Object.entries(details.detailed_status_counts as Record<string, { total_count: number; counts?: Record<string, number> }>)) {
    expect(entry.total_count).toBe(grouped[status]);
    const withChannel = rows.filter((r) => r.request_status === status && r.channel_manager_status !== null).length;
    expect(Object.values(entry.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(withChannel);
  }
}

describe("engine", () => {
  it("dispatches at hourly_rate, or call_rate when set", async () => {
    const c = await createCampaign(sb, { hourly_rate: 60 });
    await batchWith("rate-campaign", c, 300);
    await batchWith("rate-batch", c, 300, { call_rate: 120 });
    sb.engine.advance(HOUR);
    expect(attempts(await results("rate-campaign"))).toBe(60);
    expect(attempts(await results("rate-batch"))).toBe(120);
    expect((await call(sb, "GET", `${API}/batches/rate-campaign`)).body.status).toBe("ACTIVE");
  });

  it("a stalled batch dials nothing new (its calls in flight still end) until the stall is lifted; others go on", async () => {
    const c = await createCampaign(sb, { hourly_rate: 60 });
    await batchWith("stuck", c, 300);
    await batchWith("fine", c, 300);
    sb.engine.advance(10 * MIN);
    expect((await call(sb, "PUT", "/__sandbox/batches/stuck/stall")).body).toEqual({ batch_id: "stuck", stalled: true });
    const before = attempts(await results("stuck"));
    sb.engine.advance(HOUR);
    const stuck = await results("stuck");
    expect(attempts(stuck)).toBe(before);
    expect(stuck.some((r) => ["INITIATED", "QUEUED", "QUEUEING"].includes(r.request_status))).toBe(false);
    expect(attempts(await results("fine"))).toBe(70);
    expect((await call(sb, "DELETE", "/__sandbox/batches/stuck/stall")).body).toEqual({ batch_id: "stuck", stalled: false });
    sb.engine.advance(HOUR);
    expect(attempts(await results("stuck"))).toBe(before + 60);
    expect((await call(sb, "PUT", "/__sandbox/batches/no-such-batch/stall")).status).toBe(404);
  });

  it("keeps fractional credit between steps", async () => {
    const c = await createCampaign(sb, { hourly_rate: 7 });
    await batchWith("frac", c, 50);
    sb.engine.advance(HOUR);
    expect(attempts(await results("frac"))).toBe(7);
  });

  it("never moves a paused batch", async () => {
    const c = await createCampaign(sb, { hourly_rate: 3600 });
    await batchWith("held", c, 100, { paused: true });
    sb.engine.advance(3 * HOUR);
    const rows = await results("held");
    expect(rows.every((r) => r.request_status === "PENDING" && r.attempt_count === 0)).toBe(true);
    expect((await call(sb, "GET", `${API}/batches/held`)).body.status).toBe("PAUSED");
  });

  it("only dials inside the daily window on active days (UTC)", async () => {
    const c = await createCampaign(sb, { hourly_rate: 60, active_days: ["mon"], daily_start_time: "09:00", daily_end_time: "10:00" });
    await batchWith("window", c, 500);
    sb.engine.advance(9 * HOUR);
    expect(attempts(await results("window"))).toBe(0);
    sb.engine.advance(2 * HOUR);
    const afterMonday = attempts(await results("window"));
    expect(afterMonday).toBeGreaterThanOrEqual(60);
    expect(afterMonday).toBeLessThanOrEqual(62);
    for (const r of await results("window")) {
      if (!r.sent_at) continue;
      const d = new Date(r.sent_at);
      expect(d.getUTCDay()).toBe(1);
      expect(d.getUTCHours()).toBeGreaterThanOrEqual(9);
      expect(d.getUTCHours() * 60 + d.getUTCMinutes()).toBeLessThanOrEqual(600);
    }
    sb.engine.advance(24 * HOUR); // Tuesday: inactive
    const rows = await results("window");
    expect(rows.filter((r) => r.sent_at && new Date(r.sent_at).getUTCDay() !== 1)).toEqual([]);
  });

  it("stops at expires_on and marks the batch EXPIRED", async () => {
    const c = await createCampaign(sb, { hourly_rate: 60 });
    const expires = new Date(sb.clock.now() + 30 * MIN).toISOString();
    await batchWith("exp", c, 200, { expires_on: expires });
    sb.engine.advance(2 * HOUR);
    const rows = await results("exp");
    expect(attempts(rows)).toBeGreaterThan(20);
    expect(attempts(rows)).toBeLessThanOrEqual(30);
    expect(rows.filter((r) => r.sent_at && r.sent_at > expires)).toEqual([]);
    expect((await call(sb, "GET", `${API}/batches/exp`)).body.status).toBe("EXPIRED");
    // Extending expires_on revives it.
    const put = await call(sb, "PUT", `${API}/batches/exp`, { json: { expires_on: null } });
    expect(put.body.status).toBe("ACTIVE");
  });

  it("caps attempts at max_daily_calls per UTC day across the campaign's batches", async () => {
    const c = await createCampaign(sb, { hourly_rate: 3600, max_daily_calls: 25 });
    await batchWith("cap-a", c, 100);
    await batchWith("cap-b", c, 100);
    sb.engine.advance(3 * HOUR);
    expect(attempts(await results("cap-a")) + attempts(await results("cap-b"))).toBe(25);
    sb.engine.advance(22 * HOUR); // into Tuesday
    expect(attempts(await results("cap-a")) + attempts(await results("cap-b"))).toBe(50);
  });

  it("retries retryable failures after retry_interval, resolves outcomes and runs insights", async () => {
    const c = await createCampaign(sb, { hourly_rate: 3600, retry_count: 2, retry_interval: "30m" });
    await batchWith("retry", c, 300);
    sb.engine.advance(10 * MIN);
    await expectCountsAgree("retry");
    sb.engine.advance(20 * MIN);
    await expectCountsAgree("retry");
    sb.engine.advance(4 * HOUR);
    await expectCountsAgree("retry");
    const rows = await results("retry");
    expect(rows.filter((r) => r.attempt_count >= 2).length).toBeGreaterThan(10);
    expect(Math.max(...rows.map((r) => r.attempt_count))).toBeLessThanOrEqual(3);
    expect(rows.filter((r) => ["PENDING", "INITIATED"].includes(r.request_status))).toEqual([]);
    for (const r of rows) {
      if (r.request_status === "FAILED" && ["NO-ANSWER", "BUSY", "MACHINE"].includes(r.channel_manager_status ?? "")) expect(r.attempt_count).toBe(3);
    }
    const statuses = new Set(rows.map((r) => r.request_status));
    expect(statuses).toEqual(new Set(["COMPLETED", "CONNECTED", "FAILED"]));
    const talked = rows.filter((r) => r.request_status !== "FAILED");
    expect(talked.every((r) => ["COMPLETED", "FAILED"].includes(r.insights_status ?? ""))).toBe(true);
    const rated = talked.filter((r) => r.insights_status === "COMPLETED");
    expect(rated.length).toBeGreaterThan(talked.length * 0.7);
    expect(["Good", "Neutral", "Poor"]).toContain(rated[0]?.insights?.rating);
    expect(typeof rated[0]?.insights?.summary).toBe("string");
  });

  it("walks insights through PENDING and PROCESSING", async () => {
    const c = await createCampaign(sb, { hourly_rate: 3600 });
    await batchWith("ins", c, 100);
    const seen = new Set<string>();
    for (let i = 0; i < 15; i++) {
      sb.engine.advance(MIN);
      for (const r of await results("ins")) if (r.insights_status) seen.add(r.insights_status);
    }
    expect(seen).toEqual(new Set(["PENDING", "PROCESSING", "COMPLETED", "FAILED"]));
  });

  it("uses SMS channel statuses for sms campaigns and skips DUPLICATE/INVALID rows", async () => {
    const c = await createCampaign(sb, { hourly_rate: 3600, mode: "sms" });
    await createBatch(sb, { batch_id: "sms", campaign_id: c, paused: false });
    const csv = [
      "reference_id,target",
      "s1,+15125550001",
      "s2,+15125550001",
      "s3,bogus",
      ...Array.from({ length: 40 }, (_, i) => `t${i},+1512556${String(1000 + i)}`),
    ].join("\n");
    await call(sb, "POST", `${API}/batches/sms/upload_batch`, { raw: csvForm(csv) });
    sb.engine.advance(HOUR);
    const rows = await results("sms");
    const byRef = Object.fromEntries(rows.map((r) => [r.reference_id, r]));
    expect(byRef.s2).toMatchObject({ request_status: "DUPLICATE", attempt_count: 0 });
    expect(byRef.s3).toMatchObject({ request_status: "INVALID", attempt_count: 0 });
    const channels = new Set(rows.filter((r) => r.attempt_count > 0).map((r) => r.channel_manager_status));
    for (const ch of channels) expect(["SENT", "DELIVERED", "UNDELIVERED", "DELIVERY_FAILED", "SENDING", "QUEUED"]).toContain(ch);
    await expectCountsAgree("sms");
  });

  it("applies allowed_line_types by skipping filtered targets", async () => {
    const c = await createCampaign(sb, { hourly_rate: 3600, allowed_line_types: ["mobile"], include_unknown_line_types: false });
    await batchWith("lines", c, 100);
    sb.engine.advance(HOUR);
    const rows = await results("lines");
    const skipped = rows.filter((r) => r.request_status === "SKIPPED");
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((r) => r.channel_manager_status === "FILTERED_LINE_TYPE" && r.attempt_count === 0)).toBe(true);
  });

  it("advances via the control endpoint and reports the clock", async () => {
    const before = (await call(sb, "GET", "/__sandbox/clock", { template: null })).body;
    expect(before.speed).toBe(0);
    const adv = await call(sb, "POST", "/__sandbox/advance", { json: { minutes: 90 }, template: null });
    expect(Date.parse(adv.body.now) - Date.parse(before.now)).toBe(90 * MIN);
    const bad = await call(sb, "POST", "/__sandbox/advance", { json: { minutes: "x" }, template: null });
    expect(bad.status).toBe(422);
  });
});

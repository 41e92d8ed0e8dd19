// The seeded demo data (created once for this file) and persistence across restarts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../server";
import { SEED } from "../seed";
import { API, call, campaignBody, tempDir } from "./helpers";

let sb: Sandbox;
let dataDir: string;
let seedMs = 0;

beforeAll(async () => {
  dataDir = tempDir();
  const t = performance.now();
  sb = await createSandbox({ dataDir, speed: 0 });
  seedMs = performance.now() - t;
});
afterAll(async () => {
  await sb.close();
});

describe("seed", () => {
  it("is quick", () => {
    expect(seedMs).toBeLessThan(15_000);
  });

  it("has the exported campaigns, incl. webhooks with a stored secret and extra voicemail keys", async () => {
    const list = await call(sb, "GET", `${API}/campaigns`);
    expect(list.body.total_count).toBeGreaterThanOrEqual(4);
    const payments = (await call(sb, "GET", `${API}/campaigns/${SEED.campaigns.payments}`)).body;
    expect(payments.webhooks[0].auth_value_keys).toEqual(["hmac_secret"]);
    expect(payments.target_filters.rules.length).toBeGreaterThan(0);
    expect(payments.voicemail_detection.legacy_beep_detection).toBe(true);
    expect(payments.max_daily_calls).toBeGreaterThan(0);
    const secrets = (await call(sb, "GET", `/__sandbox/campaigns/${SEED.campaigns.payments}/webhook-secrets`, { template: null })).body;
    expect(secrets[0].auth_values.hmac_secret).toBe(SEED.hmacSecret);
    const modes = new Set(list.body.items.map((c: { mode: string }) => c.mode));
    expect(modes).toEqual(new Set(["voice", "sms"]));
    const alwaysOn = (await call(sb, "GET", `${API}/campaigns/${SEED.campaigns.alwaysOn}`)).body;
    expect(alwaysOn).toMatchObject({ daily_start_time: "00:00:00", daily_end_time: "23:59:59" });
    expect(alwaysOn.active_days).toHaveLength(7);
  });

  it("covers every batch status", async () => {
    const list = await call(sb, "GET", `${API}/batches?limit=100`);
    const status = Object.fromEntries(list.body.items.map((b: { batch_id: string; status: string }) => [b.batch_id, b.status]));
    expect(status).toMatchObject({
      [SEED.batches.big]: "ACTIVE",
      [SEED.batches.pending]: "PENDING",
      [SEED.batches.paused]: "PAUSED",
      [SEED.batches.failed]: "FAILED",
      [SEED.batches.canceled]: "CANCELED",
      [SEED.batches.expired]: "EXPIRED",
    });
    expect(list.body.items.find((b: { batch_id: string }) => b.batch_id === SEED.batches.failed).error_message).toBeTruthy();
  });

  it("serves the 100k batch: counts agree with results, results validate and are fast", async () => {
    const details = (await call(sb, "GET", `${API}/batches/${SEED.batches.big}`)).body;
    const counts = details.status_counts as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(SEED.bigBatchSize);
    for (const s of ["PENDING", "COMPLETED", "CONNECTED", "FAILED", "DUPLICATE", "INVALID", "INITIATED"]) expect(counts[s]).toBeGreaterThan(0);
    const t = performance.now();
    const res = await sb.app.request(`${API}/batches/${SEED.batches.big}/results`, { headers: { "Syllable-API-Key": "sandbox" } });
    const rows = (await res.json()) as { request_status: string; insights: unknown; attempt_count: number }[];
    const elapsed = performance.now() - t;
    expect(rows).toHaveLength(SEED.bigBatchSize);
    expect(elapsed).toBeLessThan(8_000);
    const grouped: Record<string, number> = {};
    for (const r of rows) grouped[r.request_status] = (grouped[r.request_status] ?? 0) + 1;
    expect(grouped).toEqual(counts);
    expect(rows.some((r) => r.attempt_count === 2)).toBe(true);
    expect(rows.some((r) => r.insights !== null)).toBe(true);
    // Schema-check a slice (all 100k through ajv would dominate the suite's time).
    const { validateResponse } = await import("./openapi-validator");
    expect(validateResponse("GET", `${API}/batches/{batch_id}/results`, 200, rows.slice(39_000, 41_000))).toEqual([]);
    const filtered = await call(sb, "GET", `${API}/batches/${SEED.batches.big}/results?status=INVALID`);
    expect(filtered.body).toHaveLength(counts.INVALID ?? -1);
  });

  it("moves the big batch when time advances", async () => {
    const before = (await call(sb, "GET", `${API}/batches/${SEED.batches.big}`)).body.status_counts.PENDING as number;
    sb.engine.advance(5 * 60_000);
    const after = (await call(sb, "GET", `${API}/batches/${SEED.batches.big}`)).body.status_counts;
    expect(after.PENDING).toBeLessThan(before);
    expect(Object.values(after as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(SEED.bigBatchSize);
  });
});

describe("persistence", () => {
  it("keeps created data across restart, does not re-seed, and never goes back in time", async () => {
    const created = await call(sb, "POST", `${API}/campaigns`, { json: campaignBody({ campaign_name: "Survivor" }) });
    const id = created.body.id as number;
    await call(sb, "POST", `${API}/batches`, { json: { batch_id: "survivor-batch", campaign_id: id } });
    sb.engine.advance(30 * 60_000);
    const simBefore = sb.clock.now();
    const countBefore = (await call(sb, "GET", `${API}/campaigns`)).body.total_count as number;
    await sb.close();

    sb = await createSandbox({ dataDir, speed: 0 });
    expect(sb.clock.now()).toBeGreaterThanOrEqual(simBefore);
    expect((await call(sb, "GET", `${API}/campaigns/${id}`)).body.campaign_name).toBe("Survivor");
    expect((await call(sb, "GET", `${API}/batches/survivor-batch`)).status).toBe(200);
    expect((await call(sb, "GET", `${API}/campaigns`)).body.total_count).toBe(countBefore);
    const bigCount = (sb.db.prepare("SELECT COUNT(*) AS n FROM requests WHERE batch_id = ?").get(SEED.batches.big) as { n: number }).n;
    expect(bigCount).toBe(SEED.bigBatchSize);
  });
});

// Demo data written on the first start of an empty database. Ids are exported so tests and the
// console's e2e specs can refer to them.
import { getMeta, setMeta, SANDBOX_USER, type Db } from "./db";
import { createCampaign } from "./campaign-store";
import { refreshStatus } from "./batch-store";
import { outcomeFor, insightsFor } from "./engine";
import { hashUnit, lookupFor } from "./requests";
import { campaignInputSchema } from "./validation";

export const SEED = {
  campaigns: { payments: 1, appointmentsSms: 2, alwaysOn: 3, weekendSurvey: 4 },
  batches: {
    big: "seed-big-100k",
    payments: "seed-payments-0401",
    smsActive: "seed-sms-reminders",
    pending: "seed-pending-empty",
    paused: "seed-paused",
    failed: "seed-failed-upload",
    canceled: "seed-canceled",
    expired: "seed-expired",
  },
  bigBatchSize: 100_000,
  /** Seeded only with SANDBOX_SEED_HUGE=1 (a million rows take a while): the console at full scale. */
  hugeBatch: "seed-huge-1m",
  hugeBatchSize: 1_000_000,
  /** Finished batches, one a day over the last 30 days (SANDBOX_SEED_HISTORY, on for `npm start`): the reports' history. */
  historyBatch: (daysAgo: number) => `seed-history-${String(daysAgo).padStart(2, "0")}`,
  historyDays: 30,
  historyPerDay: 120,
  /** 32 zero bytes, base64: the seeded webhook's hmac_secret. */
  hmacSecret: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
} as const;

const DAY = 86_400_000;
const RETRYABLE = new Set(["NO-ANSWER", "BUSY", "MACHINE", "UNDELIVERED"]);
const ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const FIRST_NAMES = ["Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal"];

function seedCampaigns(db: Db, now: number): void {
  const at = new Date(now - 30 * DAY).toISOString();
  const make = (input: unknown) => createCampaign(db, campaignInputSchema.parse(input), at);
  make({
    campaign_name: "Late payment reminders",
    description: "Voice reminders for invoices 30+ days overdue",
    mode: "voice",
    labels: ["billing", "reminders"],
    label: "billing",
    campaign_variables: { company_name: "Acme Utilities", support_line: "+18005550100" },
    daily_start_time: "13:00:00",
    daily_end_time: "21:00:00",
    source: "+19032900844",
    caller_id: "+19032900844",
    hourly_rate: 120,
    max_daily_calls: 2000,
    retry_count: 2,
    retry_interval: "30m",
    active_days: ["mon", "tue", "wed", "thu", "fri"],
    voicemail_detection: {
      mode: "v2",
      voicemail_detection_overall_timeout: 30,
      voicemail_detection_pre_speech_timeout: 3.5,
      voicemail_detection_post_speech_timeout: 1.75,
      voicemail_detection_speech_threshold: 0.6,
      legacy_beep_detection: true,
    },
    allowed_line_types: ["mobile", "landline"],
    include_unknown_line_types: false,
    target_filters: {
      match: "any",
      on_unknown: "include",
      rules: [
        { field: "line_type", op: "in", values: ["mobile", "landline"] },
        { field: "carrier_name", op: "not_in", values: ["Onvoy, LLC - Sinch"] },
      ],
    },
    webhooks: [
      {
        url: "https://example.com/hooks/syllable",
        request_method: "POST",
        trigger_statuses: ["COMPLETED", "NO-ANSWER"],
        auth_values: { hmac_secret: SEED.hmacSecret },
      },
      { url: "https://example.com/hooks/audit", request_method: "PUT", trigger_statuses: ["FAILED"] },
    ],
  });
  make({
    campaign_name: "Appointment confirmations (SMS)",
    mode: "sms",
    sms_session_ttl: 720,
    labels: ["clinic"],
    campaign_variables: { clinic_name: "Riverside Clinic" },
    daily_start_time: "12:00:00",
    daily_end_time: "23:00:00",
    source: "+15125550199",
    caller_id: "+15125550199",
    hourly_rate: 600,
    retry_count: 1,
    retry_interval: "12h",
    active_days: ["mon", "tue", "wed", "thu", "fri", "sat"],
  });
  make({
    campaign_name: "Always-on demo line",
    description: "Calls around the clock so the demo visibly moves at any hour",
    mode: "voice",
    labels: ["demo"],
    campaign_variables: { greeting: "Hello from the sandbox" },
    daily_start_time: "00:00:00",
    daily_end_time: "23:59:59",
    source: "+15125550100",
    caller_id: "+15125550100",
    hourly_rate: 3600,
    retry_count: 1,
    retry_interval: "30m",
    active_days: ALL_DAYS,
    voicemail_detection: { mode: "v1", voicemail_detection_overall_timeout: 25 },
  });
  make({
    campaign_name: "Weekend satisfaction survey",
    mode: "voice",
    labels: ["survey"],
    campaign_variables: { survey_id: "CSAT-7" },
    daily_start_time: "15:00",
    daily_end_time: "20:00",
    caller_id: null,
    hourly_rate: 60,
    active_days: ["sat", "sun"],
  });
}

interface FillOptions {
  count: number;
  processed: number;
  sms: boolean;
  retryCount: number;
  rate: number;
  /** CANCELED batches: everything not processed was canceled. */
  cancelRest?: boolean;
  targetBase: number;
}

/** Writes `count` requests; the first `processed` look like they went through the engine. */
function fillBatch(db: Db, batchId: string, now: number, o: FillOptions): void {
  const insert = db.prepare(
    `INSERT INTO requests (batch_id, reference_id, target, request_variables, channel_manager_sid, created_at, sent_at, attempt_count,
       session_id, conversation_id, request_status, channel_manager_status, insights_status, insights, line_type, enrichment,
       resolve_at, insights_at, eligible_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const createdAt = new Date(now - 2 * DAY).toISOString();
  const spacing = 3_600_000 / o.rate;
  let prevTarget = "";
  for (let i = 0; i < o.count; i++) {
    const ref = `REF-${String(i + 1).padStart(6, "0")}`;
    let target = `+1${o.targetBase + i}`;
    let status = "PENDING";
    let channel: string | null = null;
    if (i % 997 === 500) target = prevTarget; // a repeated number
    const invalid = i % 1499 === 700;
    if (invalid) target = `555-01${i % 10}`;
    const duplicate = !invalid && target === prevTarget;
    if (!invalid) prevTarget = target;
    const lookup = invalid ? null : lookupFor(target);
    const vars = JSON.stringify({ first_name: FIRST_NAMES[i % FIRST_NAMES.length] ?? "Alex", amount_due: `${(i % 400) + 20}.00` });
    let sid: string | null = null;
    let sentAt: string | null = null;
    let attempts = 0;
    let session: number | null = null;
    let insightsStatus: string | null = null;
    let insights: string | null = null;
    let resolveAt: number | null = null;
    let insightsAt: number | null = null;
    if (invalid) status = channel = "INVALID";
    else if (duplicate) status = channel = "DUPLICATE";
    else if (i < o.processed) {
      const sentMs = Math.floor(now - (o.processed - i) * spacing);
      sentAt = new Date(sentMs).toISOString();
      sid = `${o.sms ? "SM" : "CA"}${(i + 1).toString(16).padStart(32, "0")}`;
      if (o.processed - i <= Math.max(2, o.processed * 0.002)) {
        // The tail is still in flight; the engine resolves it within minutes.
        status = "INITIATED";
        channel = o.sms ? "SENT" : "IN-PROGRESS";
        attempts = 1;
        resolveAt = now + 60_000 + (i % 4) * 60_000;
      } else {
        let out = outcomeFor(batchId, ref, 1, o.sms);
        attempts = 1;
        while (out.status === "FAILED" && RETRYABLE.has(out.channel) && attempts <= o.retryCount) {
          attempts++;
          out = outcomeFor(batchId, ref, attempts, o.sms);
        }
        status = out.status;
        channel = out.channel;
        if (status !== "FAILED") {
          session = 100_000 + i;
          if (o.processed - i <= Math.max(4, o.processed * 0.01)) {
            insightsStatus = i % 2 === 0 ? "PENDING" : "PROCESSING";
            insightsAt = now + 60_000 + (i % 3) * 60_000;
          } else {
            const res = insightsFor(batchId, ref, attempts);
            insightsStatus = res.status;
            insights = res.insights;
          }
        }
      }
    } else if (o.cancelRest) status = channel = "CANCELED";
    insert.run(
      batchId,
      ref,
      target,
      vars,
      sid,
      createdAt,
      sentAt,
      attempts,
      session,
      session,
      status,
      channel,
      insightsStatus,
      insights,
      lookup?.line_type ?? null,
      lookup ? JSON.stringify(lookup.enrichment) : null,
      resolveAt,
      insightsAt,
      null,
    );
  }
}

function insertBatch(
  db: Db,
  now: number,
  seq: number,
  b: { id: string; campaign: number; paused?: boolean; expires?: string; error?: string; canceled?: boolean; filename?: string; ageDays: number },
): void {
  const created = new Date(now - b.ageDays * DAY).toISOString();
  db.prepare(
    `INSERT INTO batches (batch_id, seq, campaign_id, expires_on, paused, call_rate, upload_filename, dispatch_id, created_at,
       last_updated_at, last_updated_by, error_message, canceled)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    b.id,
    seq,
    b.campaign,
    b.expires ?? null,
    b.paused ? 1 : 0,
    b.filename ?? null,
    `${(seq * 2654435761).toString(16).padStart(32, "0")}`.slice(-32),
    created,
    created,
    SANDBOX_USER,
    b.error ?? null,
    b.canceled ? 1 : 0,
  );
}

/**
 * Seeds the million-request batch once per database (its own flag: it can be added to a sandbox
 * seeded before). Most of it has been dialed; the rest dials on as the engine runs.
 */
export function seedHugeIfMissing(db: Db, now: number, count: number = SEED.hugeBatchSize): boolean {
  if (getMeta(db, "seeded-huge") !== undefined) return false;
  db.transaction(() => {
    insertBatch(db, now, 9, { id: SEED.hugeBatch, campaign: SEED.campaigns.alwaysOn, ageDays: 1, filename: "GENESYS_EXPORT_1M.csv" });
    fillBatch(db, SEED.hugeBatch, now, { count, processed: Math.round(count * 0.6), sms: false, retryCount: 1, rate: 36_000, targetBase: 5130000000 });
    refreshStatus(db, SEED.hugeBatch, now);
    setMeta(db, "seeded-huge", new Date(now).toISOString());
  })();
  return true;
}

/**
 * How likely a person answers at an hour of their day (New York time): less at lunch and late in
 * the evening, most in the early evening. What makes the reports' heat map worth a look.
 */
export function answerChance(localHour: number): number {
  if (localHour >= 12 && localHour < 14) return 0.3;
  if (localHour >= 20) return 0.22;
  if (localHour >= 17) return 0.58;
  return localHour < 10 ? 0.42 : 0.5;
}

/**
 * Seeds the history once per database (its own flag): a finished voice batch for each of the last
 * 30 days, its calls spread from 08:00 to 22:00 New York time, outcomes by the hour as above.
 */
export function seedHistoryIfMissing(db: Db, now: number): boolean {
  if (getMeta(db, "seeded-history") !== undefined) return false;
  const insert = db.prepare(
    `INSERT INTO requests (batch_id, reference_id, target, request_variables, channel_manager_sid, created_at, sent_at, attempt_count,
       session_id, conversation_id, request_status, channel_manager_status, insights_status, insights, line_type, enrichment,
       resolve_at, insights_at, eligible_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  db.transaction(() => {
    for (let d = 1; d <= SEED.historyDays; d++) {
      const batchId = SEED.historyBatch(d);
      const campaign = d % 2 ? SEED.campaigns.alwaysOn : SEED.campaigns.payments;
      insertBatch(db, now, 100 + d, { id: batchId, campaign, ageDays: d + 0.5, filename: `history_day_${d}.csv` });
      // 08:00 New York that day, as UTC (13:00 in winter, 12:00 in summer: near enough for demo data).
      const dayStart = Math.floor((now - d * DAY) / DAY) * DAY + 12 * 3_600_000;
      for (let i = 0; i < SEED.historyPerDay; i++) {
        const ref = `H${d}-${String(i + 1).padStart(4, "0")}`;
        const target = `+1${5140000000 + d * 1000 + i}`;
        const sentMs = dayStart + Math.floor((i / SEED.historyPerDay) * 14 * 3_600_000);
        const localHour = 8 + Math.floor((i / SEED.historyPerDay) * 14);
        const u = hashUnit(`history|${batchId}|${ref}`);
        const v = hashUnit(`history-miss|${batchId}|${ref}`);
        const reached = u < answerChance(localHour);
        const channel = reached ? (v < 0.8 ? "COMPLETED" : "HUMAN") : v < 0.4 ? "MACHINE" : v < 0.8 ? "NO-ANSWER" : "BUSY";
        const attempts = reached ? 1 + (v < 0.15 ? 1 : 0) : 2;
        const lookup = lookupFor(target);
        const ins = reached ? insightsFor(batchId, ref, attempts) : null;
        insert.run(
          batchId,
          ref,
          target,
          JSON.stringify({ first_name: FIRST_NAMES[i % FIRST_NAMES.length] ?? "Alex" }),
          `CA${(d * 10_000 + i).toString(16).padStart(32, "0")}`,
          new Date(dayStart - 3_600_000).toISOString(),
          new Date(sentMs).toISOString(),
          attempts,
          reached ? 200_000 + d * 1000 + i : null,
          reached ? 200_000 + d * 1000 + i : null,
          reached ? "COMPLETED" : "FAILED",
          channel,
          ins?.status ?? null,
          ins?.insights ?? null,
          lookup.line_type,
          JSON.stringify(lookup.enrichment),
          null,
          null,
        );
      }
      refreshStatus(db, batchId, now);
    }
    setMeta(db, "seeded-history", new Date(now).toISOString());
  })();
  return true;
}

/** Seeds demo data once per database (a meta flag keeps it from coming back after deletions). */
export function seedIfEmpty(db: Db, now: number): boolean {
  if (getMeta(db, "seeded") !== undefined) return false;
  const empty = (db.prepare("SELECT (SELECT COUNT(*) FROM campaigns) + (SELECT COUNT(*) FROM batches) AS n").get() as { n: number }).n === 0;
  if (!empty) return false;
  const { batches: B, campaigns: C } = SEED;
  db.transaction(() => {
    seedCampaigns(db, now);
    insertBatch(db, now, 1, { id: B.big, campaign: C.alwaysOn, ageDays: 1, filename: "DEMO_100K.csv" });
    fillBatch(db, B.big, now, { count: SEED.bigBatchSize, processed: 40_000, sms: false, retryCount: 1, rate: 3600, targetBase: 5122000000 });
    insertBatch(db, now, 2, { id: B.payments, campaign: C.payments, ageDays: 3, filename: "LATE_PAYMENTS_20250401.csv" });
    fillBatch(db, B.payments, now, { count: 600, processed: 250, sms: false, retryCount: 2, rate: 120, targetBase: 5123000000 });
    insertBatch(db, now, 3, { id: B.smsActive, campaign: C.appointmentsSms, ageDays: 2, filename: "appointments_week_14.csv" });
    fillBatch(db, B.smsActive, now, { count: 1600, processed: 900, sms: true, retryCount: 1, rate: 600, targetBase: 5124000000 });
    insertBatch(db, now, 4, { id: B.pending, campaign: C.weekendSurvey, ageDays: 0.5 });
    insertBatch(db, now, 5, { id: B.paused, campaign: C.alwaysOn, ageDays: 4, paused: true, filename: "paused_list.csv" });
    fillBatch(db, B.paused, now, { count: 200, processed: 50, sms: false, retryCount: 1, rate: 3600, targetBase: 5125000000 });
    insertBatch(db, now, 6, { id: B.failed, campaign: C.payments, ageDays: 5, error: "Missing required fields: target", filename: "broken.csv" });
    insertBatch(db, now, 7, { id: B.canceled, campaign: C.appointmentsSms, ageDays: 6, canceled: true, filename: "old_reminders.csv" });
    fillBatch(db, B.canceled, now, { count: 100, processed: 30, sms: true, retryCount: 1, rate: 600, cancelRest: true, targetBase: 5126000000 });
    insertBatch(db, now, 8, {
      id: B.expired,
      campaign: C.weekendSurvey,
      ageDays: 10,
      expires: new Date(now - 2 * DAY).toISOString(),
      filename: "survey_wk1.csv",
    });
    fillBatch(db, B.expired, now, { count: 120, processed: 60, sms: false, retryCount: 0, rate: 60, targetBase: 5127000000 });
    for (const id of Object.values(B)) refreshStatus(db, id, now);
    setMeta(db, "seeded", new Date(now).toISOString());
  })();
  return true;
}

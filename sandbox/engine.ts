// The progress engine: dispatches PENDING requests at the campaign/batch rate inside the calling
// window, resolves them a few simulated minutes later, retries, and runs the insights pipeline.
// Windows (daily_start_time..daily_end_time, active_days) are interpreted in UTC because the
// API exposes no timezone field.
import type { SimClock } from "./clock";
import type { Db } from "./db";
import { type BatchRow, refreshStatus } from "./batch-store";
import { campaignData, type StoredCampaign } from "./campaign-store";
import { hashUnit } from "./requests";
import { retryIntervalMs, DAYS } from "./validation";

const STEP_MS = 60_000;
const VOICE_RETRYABLE = new Set(["NO-ANSWER", "BUSY", "MACHINE", "UNDELIVERED"]);

interface Outcome {
  status: "COMPLETED" | "CONNECTED" | "FAILED";
  channel: string;
}

/** Deterministic outcome of one attempt. */
export function outcomeFor(batchId: string, referenceId: string, attempt: number, sms: boolean): Outcome {
  const u = hashUnit(`${batchId}|${referenceId}|${attempt}`);
  if (sms) {
    if (u < 0.55) return { status: "COMPLETED", channel: "DELIVERED" };
    if (u < 0.65) return { status: "CONNECTED", channel: "DELIVERED" };
    if (u < 0.85) return { status: "FAILED", channel: "UNDELIVERED" };
    return { status: "FAILED", channel: "DELIVERY_FAILED" };
  }
  if (u < 0.45) return { status: "COMPLETED", channel: "COMPLETED" };
  if (u < 0.55) return { status: "COMPLETED", channel: "HUMAN" };
  if (u < 0.6) return { status: "CONNECTED", channel: "COMPLETED" };
  if (u < 0.65) return { status: "CONNECTED", channel: "NO-ANSWER" };
  if (u < 0.78) return { status: "FAILED", channel: "NO-ANSWER" };
  if (u < 0.86) return { status: "FAILED", channel: "BUSY" };
  if (u < 0.93) return { status: "FAILED", channel: "MACHINE" };
  if (u < 0.97) return { status: "FAILED", channel: "FAILED" };
  if (u < 0.985) return { status: "FAILED", channel: "SIP_TEMPORARILY_UNAVAILABLE" };
  // The carrier connected but reported nothing conclusive (Syllable's NO_OUTCOME, 2026-08).
  return { status: "CONNECTED", channel: "NO_OUTCOME" };
}

const SUMMARIES = {
  Good: "The customer confirmed the details and the call ended positively.",
  Neutral: "The customer listened to the message and asked to be contacted later.",
  Poor: "The customer was unhappy with the call and ended it early.",
} as const;

/** Final insights of a call: ~90% COMPLETED with a rating, the rest FAILED. */
export function insightsFor(batchId: string, referenceId: string, attempt: number): { status: string; insights: string | null } {
  const u = hashUnit(`insights|${batchId}|${referenceId}|${attempt}`);
  if (u >= 0.9) return { status: "FAILED", insights: null };
  const rating = u < 0.55 ? "Good" : u < 0.78 ? "Neutral" : "Poor";
  return { status: "COMPLETED", insights: JSON.stringify({ rating, summary: SUMMARIES[rating] }) };
}

function secondsOfDay(hms: string): number {
  const [h, m, s] = hms.split(":").map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/** Whether the campaign may dial at simulated time t (UTC). */
export function inWindow(c: StoredCampaign, t: number): boolean {
  const d = new Date(t);
  const day = DAYS[(d.getUTCDay() + 6) % 7];
  if (!day || !c.active_days.includes(day)) return false;
  const sec = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  const start = secondsOfDay(c.daily_start_time ?? "00:00:00");
  const end = secondsOfDay(c.daily_end_time ?? "23:59:59");
  // end is inclusive to the second; a start after end is an overnight window.
  return start <= end ? sec >= start && sec <= end : sec >= start || sec <= end;
}

const DAY_MS = 86_400_000;

/**
 * Milliseconds of calling window between `from` and `to`: the windows of the active days
 * (an overnight window counts on the day it starts), clipped to the interval.
 */
export function validMsBetween(c: StoredCampaign, from: number, to: number): number {
  if (to <= from) return 0;
  const start = secondsOfDay(c.daily_start_time ?? "00:00:00") * 1000;
  // The end second is inclusive.
  let end = secondsOfDay(c.daily_end_time ?? "23:59:59") * 1000 + 1000;
  if (end <= start) end += DAY_MS;
  let total = 0;
  // From the day before `from`: an overnight window that started then may still be open.
  for (let day = Math.floor(from / DAY_MS) * DAY_MS - DAY_MS; day < to; day += DAY_MS) {
    const name = DAYS[(new Date(day).getUTCDay() + 6) % 7];
    if (!name || !c.active_days.includes(name)) continue;
    total += Math.max(0, Math.min(to, day + end) - Math.max(from, day + start));
  }
  return total;
}

/** Auto pacing aims to finish with this share of the valid time left, a margin for retries. */
const AUTO_PACE_TARGET = 0.9;
/** Later dialing cycles keep the auto rate within ±20% of the first one (Syllable's rule). */
const AUTO_PACE_BAND = 0.2;

/** The auto-paced rate (calls/hour) to empty `pending` requests before `expiresOn`, or null when there is nothing to pace. */
export function autoPacedRate(c: StoredCampaign, pending: number, now: number, expiresOn: number, baseline: number | null): number | null {
  if (pending <= 0) return null;
  const hoursLeft = (validMsBetween(c, now, expiresOn) * AUTO_PACE_TARGET) / 3_600_000;
  let rate = hoursLeft > 0 ? pending / hoursLeft : MAX_RATE;
  if (baseline !== null) rate = Math.min(baseline * (1 + AUTO_PACE_BAND), Math.max(baseline * (1 - AUTO_PACE_BAND), rate));
  return Math.min(MAX_RATE, Math.max(1, Math.round(rate * 100) / 100));
}
const MAX_RATE = 3600;

function passesFilters(c: StoredCampaign, lineType: string | null, enrichment: string | null): boolean {
  const tf = c.target_filters;
  if (tf && tf.rules.length > 0) {
    if (!enrichment) return tf.on_unknown === "include";
    const e = JSON.parse(enrichment) as Record<string, unknown>;
    const results = tf.rules.map((r) => {
      const v = e[r.field];
      const s = v === undefined || v === null ? undefined : String(v);
      switch (r.op) {
        case "in":
          return s !== undefined && r.values.includes(s);
        case "not_in":
          return s === undefined || !r.values.includes(s);
        case "eq":
          return s === r.values[0];
        case "neq":
          return s !== r.values[0];
        case "exists":
          return s !== undefined;
        case "not_exists":
          return s === undefined;
      }
      return true;
    });
    return tf.match === "all" ? results.every(Boolean) : results.some(Boolean);
  }
  const allowed = c.allowed_line_types;
  if (allowed && allowed.length > 0) {
    if (!lineType) return c.include_unknown_line_types;
    return (allowed as string[]).includes(lineType);
  }
  return true;
}

interface PendingRow {
  id: number;
  reference_id: string;
  attempt_count: number;
  line_type: string | null;
  enrichment: string | null;
  created_at: string;
}

export class Engine {
  /** Simulated ms up to which work has been processed. */
  /** Batches whose dialing is stuck (a control for tests): nothing new is dialed, calls in flight still end. */
  readonly stalled = new Set<string>();
  lastProcessed: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: SimClock,
  ) {
    this.lastProcessed = clock.now();
  }

  start(): void {
    if (this.timer || this.clock.speed <= 0) return;
    this.timer = setInterval(() => {
      try {
        this.runUntil(this.clock.now());
      } catch (err) {
        console.error("sandbox engine tick failed", err);
      }
    }, 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Moves the clock forward and processes that simulated interval deterministically. */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.runUntil(this.clock.now());
  }

  /** Processes simulated time up to `target` in steps of at most one simulated minute. */
  runUntil(target: number): void {
    if (target <= this.lastProcessed) return;
    const db = this.db;
    db.transaction(() => {
      const batches = db
        .prepare("SELECT * FROM batches WHERE deleted_at IS NULL AND canceled = 0 AND error_message IS NULL AND COALESCE(paused, 0) = 0")
        .all() as BatchRow[];
      const campaigns = new Map<number, StoredCampaign | undefined>();
      for (const b of batches) if (!campaigns.has(b.campaign_id)) campaigns.set(b.campaign_id, campaignData(db, b.campaign_id));
      while (this.lastProcessed < target) {
        const t0 = this.lastProcessed;
        const t1 = Math.min(target, t0 + STEP_MS);
        this.step(t0, t1, batches, campaigns);
        this.lastProcessed = t1;
      }
      const upd = db.prepare("UPDATE batches SET credit = ? WHERE batch_id = ?");
      for (const b of batches) upd.run(b.credit, b.batch_id);
      const all = db.prepare("SELECT batch_id FROM batches WHERE deleted_at IS NULL").all() as { batch_id: string }[];
      for (const { batch_id } of all) refreshStatus(db, batch_id, target);
    })();
    this.clock.persist();
  }

  private step(t0: number, t1: number, batches: BatchRow[], campaigns: Map<number, StoredCampaign | undefined>): void {
    this.resolveDue(t1, campaigns);
    this.insightsDue(t1);
    for (const b of batches) {
      const c = campaigns.get(b.campaign_id);
      if (!c || this.stalled.has(b.batch_id)) continue;
      // Skipping the whole step that reaches expires_on guarantees no sent_at after it.
      if (b.expires_on !== null && Date.parse(b.expires_on) < t1) continue;
      if (!inWindow(c, t0)) continue;
      const rate = b.auto_call_rate && b.expires_on !== null ? this.autoRate(b, c, t0) : (b.call_rate ?? c.hourly_rate);
      if (rate === null) continue;
      b.credit += (rate * (t1 - t0)) / 3_600_000;
      let want = Math.floor(b.credit);
      if (want <= 0) continue;
      const day = new Date(t0).toISOString().slice(0, 10);
      if (c.max_daily_calls !== null) {
        const used = this.dailyCount(c.id, day);
        want = Math.min(want, Math.max(0, c.max_daily_calls - used));
      }
      const sent = want > 0 ? this.dispatch(b, c, want, t0, t1, day) : 0;
      b.credit -= sent;
      // Unused credit is not banked beyond one call: a paused or starved batch must not burst later.
      if (sent < want || want === 0) b.credit = Math.min(b.credit, 1);
    }
  }

  /** This cycle's auto-paced rate; the first one becomes the batch's baseline. */
  private autoRate(b: BatchRow, c: StoredCampaign, t0: number): number | null {
    const pending = (this.db.prepare("SELECT COUNT(*) AS n FROM requests WHERE batch_id = ? AND request_status = 'PENDING'").get(b.batch_id) as { n: number })
      .n;
    const rate = autoPacedRate(c, pending, t0, Date.parse(b.expires_on!), b.auto_call_rate_baseline);
    if (rate !== null && b.auto_call_rate_baseline === null) {
      b.auto_call_rate_baseline = rate;
      this.db.prepare("UPDATE batches SET auto_call_rate_baseline = ? WHERE batch_id = ?").run(rate, b.batch_id);
    }
    return rate;
  }

  private dailyCount(campaignId: number, day: string): number {
    const row = this.db.prepare("SELECT count FROM campaign_daily WHERE campaign_id = ? AND day = ?").get(campaignId, day) as { count: number } | undefined;
    return row?.count ?? 0;
  }

  private dispatch(b: BatchRow, c: StoredCampaign, want: number, t0: number, t1: number, day: string): number {
    const db = this.db;
    const select = db.prepare(
      `SELECT id, reference_id, attempt_count, line_type, enrichment, created_at FROM requests
       WHERE batch_id = ? AND request_status = 'PENDING' AND (eligible_at IS NULL OR eligible_at <= ?) AND created_at <= ? ORDER BY id LIMIT ?`,
    );
    const skip = db.prepare("UPDATE requests SET request_status = 'SKIPPED', channel_manager_status = 'FILTERED_LINE_TYPE', eligible_at = NULL WHERE id = ?");
    const send = db.prepare(
      `UPDATE requests SET request_status = 'INITIATED', channel_manager_status = ?, attempt_count = attempt_count + 1,
         sent_at = ?, channel_manager_sid = ?, resolve_at = ?, eligible_at = NULL WHERE id = ?`,
    );
    const sms = c.mode === "sms";
    let sent = 0;
    for (let round = 0; round < 5 && sent < want; round++) {
      const rows = select.all(b.batch_id, t0, new Date(t1).toISOString(), want - sent) as PendingRow[];
      if (rows.length === 0) break;
      for (const r of rows) {
        if (!passesFilters(c, r.line_type, r.enrichment)) {
          skip.run(r.id);
          continue;
        }
        // Never sent before the request existed (it may have been added inside this step).
        const at = Math.max(Math.floor(t0 + ((sent + 0.5) / want) * (t1 - t0)), Date.parse(r.created_at));
        const attempt = r.attempt_count + 1;
        const u = hashUnit(`dur|${b.batch_id}|${r.reference_id}|${attempt}`);
        const sid = `${sms ? "SM" : "CA"}${Math.floor(u * 1e15)
          .toString(16)
          .padStart(13, "0")}${r.id.toString(16).padStart(19, "0")}`;
        send.run(sms ? "SENT" : u < 0.5 ? "QUEUED" : "IN-PROGRESS", new Date(at).toISOString(), sid, at + 60_000 + Math.floor(u * 4 * 60_000), r.id);
        sent++;
      }
    }
    if (sent > 0) {
      db.prepare(
        "INSERT INTO campaign_daily (campaign_id, day, count) VALUES (?, ?, ?) ON CONFLICT(campaign_id, day) DO UPDATE SET count = count + excluded.count",
      ).run(c.id, day, sent);
    }
    return sent;
  }

  private resolveDue(t: number, campaigns: Map<number, StoredCampaign | undefined>): void {
    const db = this.db;
    const due = db
      .prepare("SELECT id, batch_id, reference_id, attempt_count, resolve_at FROM requests WHERE resolve_at IS NOT NULL AND resolve_at <= ?")
      .all(t) as { id: number; batch_id: string; reference_id: string; attempt_count: number; resolve_at: number }[];
    if (due.length === 0) return;
    const campaignOf = db.prepare("SELECT campaign_id FROM batches WHERE batch_id = ?");
    const done = db.prepare(
      `UPDATE requests SET request_status = ?, channel_manager_status = ?, resolve_at = NULL, session_id = ?, conversation_id = ?,
         insights_status = ?, insights_at = ? WHERE id = ?`,
    );
    const retry = db.prepare("UPDATE requests SET request_status = 'PENDING', channel_manager_status = ?, resolve_at = NULL, eligible_at = ? WHERE id = ?");
    const batchCampaign = new Map<string, StoredCampaign | undefined>();
    for (const r of due) {
      if (!batchCampaign.has(r.batch_id)) {
        const cid = (campaignOf.get(r.batch_id) as { campaign_id: number } | undefined)?.campaign_id;
        batchCampaign.set(r.batch_id, cid === undefined ? undefined : (campaigns.get(cid) ?? campaignData(db, cid)));
      }
      const c = batchCampaign.get(r.batch_id);
      const sms = c?.mode === "sms";
      const o = outcomeFor(r.batch_id, r.reference_id, r.attempt_count, sms);
      if (o.status === "FAILED" && VOICE_RETRYABLE.has(o.channel) && c && r.attempt_count <= c.retry_count) {
        retry.run(o.channel, r.resolve_at + retryIntervalMs(c.retry_interval), r.id);
        continue;
      }
      const talked = o.status !== "FAILED";
      const session = talked ? 100_000 + r.id : null;
      done.run(o.status, o.channel, session, session, talked ? "PENDING" : null, talked ? r.resolve_at + 60_000 : null, r.id);
    }
  }

  private insightsDue(t: number): void {
    const db = this.db;
    const due = db
      .prepare(
        "SELECT id, batch_id, reference_id, attempt_count, insights_status, insights_at FROM requests WHERE insights_at IS NOT NULL AND insights_at <= ?",
      )
      .all(t) as { id: number; batch_id: string; reference_id: string; attempt_count: number; insights_status: string; insights_at: number }[];
    const processing = db.prepare("UPDATE requests SET insights_status = 'PROCESSING', insights_at = ? WHERE id = ?");
    const finish = db.prepare("UPDATE requests SET insights_status = ?, insights = ?, insights_at = NULL WHERE id = ?");
    for (const r of due) {
      if (r.insights_status === "PENDING") processing.run(r.insights_at + 2 * 60_000, r.id);
      else {
        const res = insightsFor(r.batch_id, r.reference_id, r.attempt_count);
        finish.run(res.status, res.insights, r.id);
      }
    }
  }
}

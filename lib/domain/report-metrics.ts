// Outcome metrics over stored results (issue "Reporting over days"): what each figure counts, how
// one result adds to them, and the buckets they are kept in. A result is placed at its sent_at
// (when the call or message went out), else its created_at; buckets are 15 minutes of UTC, so a
// day or hour in any zone (half-hour and 45-minute offsets included) is a whole number of them.
import { DateTime } from "luxon";

export const METRICS = ["requests", "attempted", "attempts", "reached", "voicemail", "no_answer", "busy", "failed", "completed"] as const;
export type Metric = (typeof METRICS)[number];
export type MetricCounts = Record<Metric, number>;
export type Rates = { contact_rate: number | null; attempts_per_request: number | null };

/** Said in the docs page and in each figure's tooltip. */
export const METRIC_DEFINITIONS: Record<Metric | keyof Rates, string> = {
  requests: "Contacts whose request went out (or was created) in the period",
  attempted: "Requests dialed or sent at least once",
  attempts: "Dial or send attempts, retries included",
  reached: "Requests where a person answered (or a message was delivered): channel status HUMAN, COMPLETED, DELIVERED, OPENED or CLICKED",
  voicemail: "Requests whose last attempt reached an answering machine (channel status MACHINE)",
  no_answer: "Requests whose last attempt rang out (channel status NO-ANSWER)",
  busy: "Requests whose last attempt was busy (channel status BUSY)",
  failed: "Requests that ended FAILED",
  completed: "Requests that ended COMPLETED",
  contact_rate: "Reached ÷ attempted",
  attempts_per_request: "Attempts ÷ attempted requests",
};

const REACHED = new Set(["HUMAN", "COMPLETED", "DELIVERED", "OPENED", "CLICKED"]);
const NO_ANSWER = new Set(["NO-ANSWER", "NO_ANSWER"]);

export const BUCKET_MS = 15 * 60_000;

export const emptyCounts = (): MetricCounts => ({
  requests: 0,
  attempted: 0,
  attempts: 0,
  reached: 0,
  voicemail: 0,
  no_answer: 0,
  busy: 0,
  failed: 0,
  completed: 0,
});

export type ReportableResult = {
  request_status?: string | null;
  channel_manager_status?: string | null;
  attempt_count?: number | null;
  sent_at?: string | null;
  created_at?: string | null;
  line_type?: string | null;
};

/** Adds one result to `c`. */
export function addResult(c: MetricCounts, r: ReportableResult): void {
  const status = (r.request_status ?? "").toUpperCase();
  const channel = (r.channel_manager_status ?? "").toUpperCase();
  const attempts = r.attempt_count ?? 0;
  c.requests++;
  if (attempts > 0) c.attempted++;
  c.attempts += attempts;
  if (REACHED.has(channel)) c.reached++;
  if (channel === "MACHINE") c.voicemail++;
  if (NO_ANSWER.has(channel)) c.no_answer++;
  if (channel === "BUSY") c.busy++;
  if (status === "FAILED") c.failed++;
  if (status === "COMPLETED") c.completed++;
}

export function addCounts(into: MetricCounts, c: MetricCounts): void {
  for (const m of METRICS) into[m] += c[m];
}

export const ratesOf = (c: MetricCounts): Rates => ({
  contact_rate: c.attempted ? c.reached / c.attempted : null,
  attempts_per_request: c.attempted ? c.attempts / c.attempted : null,
});

/** The 15-minute UTC bucket (its start, ms) a result belongs to; null without a usable time. */
export function bucketOf(r: ReportableResult): number | null {
  const t = Date.parse(r.sent_at || r.created_at || "");
  return Number.isFinite(t) ? Math.floor(t / BUCKET_MS) * BUCKET_MS : null;
}

/** A batch's results by bucket and line type: what the store keeps of them for reports. */
export class BucketTally {
  readonly rows = new Map<string, { bucket: number; line_type: string; counts: MetricCounts }>();
  add(r: ReportableResult): void {
    const bucket = bucketOf(r);
    if (bucket === null) return;
    const lineType = (r.line_type ?? "").toLowerCase() || "unknown";
    const key = `${bucket}|${lineType}`;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { bucket, line_type: lineType, counts: emptyCounts() }));
    addResult(row.counts, r);
  }
}

export const GROUP_BY = ["day", "hour", "hour_of_week", "campaign", "batch", "line_type"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** A bucket's key when grouping by time in `zone`: "2026-07-01", "2026-07-01T14", or "mon-14". */
export function timeKey(bucket: number, groupBy: "day" | "hour" | "hour_of_week", zone: string): string {
  const local = DateTime.fromMillis(bucket, { zone });
  if (groupBy === "day") return local.toISODate()!;
  if (groupBy === "hour") return `${local.toISODate()}T${String(local.hour).padStart(2, "0")}`;
  return `${WEEKDAYS[local.weekday - 1]}-${String(local.hour).padStart(2, "0")}`;
}

/** Orders keys of one grouping: hour-of-week keys Monday first, the rest as text (ISO dates sort as text). */
export function compareKeys(groupBy: GroupBy, a: string, b: string): number {
  if (groupBy === "hour_of_week") return WEEKDAYS.indexOf(a.slice(0, 3)) - WEEKDAYS.indexOf(b.slice(0, 3)) || a.localeCompare(b);
  return a.localeCompare(b, "en", { numeric: true });
}

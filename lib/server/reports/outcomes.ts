import "server-only";
// Outcome reports: the store's tallies (15-minute UTC buckets per batch and line type, kept as
// each batch's results are read) summed by SQL, then placed in the viewer's days or hours with
// luxon. A month of a million results is a few thousand buckets, whatever the results' size.
import { DateTime } from "luxon";
import { addCounts, compareKeys, emptyCounts, ratesOf, timeKey, type MetricCounts } from "@/lib/domain/report-metrics";
import { MAX_REPORT_DAYS, type OutcomeReport, type OutcomeReportQuery } from "@/lib/schemas/reports";
import { campaignIndex } from "@/lib/server/batches/campaign-index";
import { ApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";

/** A day ("2026-07-01") in `zone` starts at its midnight there; an instant is itself. */
function instantOf(value: string, zone: string, endOfDay: boolean): number {
  if (value.length !== 10) return Date.parse(value);
  const day = DateTime.fromISO(value, { zone }).startOf("day");
  return (endOfDay ? day.plus({ days: 1 }) : day).toMillis();
}

/** The report's range: a day's end is the next midnight; by default the last seven days, today included. */
export function reportRange(q: Pick<OutcomeReportQuery, "from" | "to" | "tz">, now = Date.now()): { from: number; to: number } {
  const to = q.to ? instantOf(q.to, q.tz, true) : DateTime.fromMillis(now, { zone: q.tz }).startOf("day").plus({ days: 1 }).toMillis();
  const from = q.from ? instantOf(q.from, q.tz, false) : DateTime.fromMillis(to, { zone: q.tz }).minus({ days: 7 }).toMillis();
  if (to <= from) throw new ApiError("validation_failed", "The range ends before it starts.", { to: "Must be after from" });
  if (to - from > (MAX_REPORT_DAYS + 1) * 86_400_000) {
    throw new ApiError("validation_failed", `A report covers at most ${MAX_REPORT_DAYS} days.`, { from: `At most ${MAX_REPORT_DAYS} days before to` });
  }
  return { from, to };
}

const figuresOf = (c: MetricCounts) => ({ ...c, ...ratesOf(c) });

export async function outcomeReport(q: OutcomeReportQuery, now = Date.now()): Promise<OutcomeReport> {
  const { from, to } = reportRange(q, now);
  const timed = q.group_by === "day" || q.group_by === "hour" || q.group_by === "hour_of_week";
  const by = timed ? "bucket" : q.group_by === "campaign" ? "campaign_id" : q.group_by === "batch" ? "batch_id" : "line_type";
  const sums = await getStore().reports.sums({ from, to, by, campaignId: q.campaign_id, batchId: q.batch_id });
  const groups = new Map<string, MetricCounts>();
  const totals = emptyCounts();
  for (const s of sums) {
    const key = timed ? timeKey(Number(s.key), q.group_by as "day" | "hour" | "hour_of_week", q.tz) : String(s.key);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyCounts()));
    addCounts(g, s.counts);
    addCounts(totals, s.counts);
  }
  const names = q.group_by === "campaign" ? await campaignIndex().catch(() => null) : null;
  const rows = [...groups.entries()]
    .sort(([a], [b]) => compareKeys(q.group_by, a, b))
    .map(([key, c]) => ({ key, label: names?.get(Number(key))?.campaign_name ?? null, ...figuresOf(c) }));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), tz: q.tz, group_by: q.group_by, rows, totals: figuresOf(totals) };
}

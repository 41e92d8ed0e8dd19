// The Reports page's dates: ranges as plain days in the chosen zone (the API reads them so), the
// period before a range for the comparison, and the default (the last seven days).
import { DateTime } from "luxon";
import { timeKey } from "@/lib/domain/report-metrics";

export const isoDay = (d: DateTime) => d.toISODate()!;

export function defaultRange(zone: string, now = Date.now()): { from: string; to: string } {
  const today = DateTime.fromMillis(now, { zone });
  return { from: isoDay(today.minus({ days: 6 })), to: isoDay(today) };
}

/**
 * The instants [from, to) an hour bar ("2026-11-01T01" in `zone`) stands for: usually one hour;
 * two when clocks go back and that hour happens twice (the bar holds both, so its results do).
 */
export function hourRange(key: string, zone: string): { from: string; to: string } | null {
  let start = DateTime.fromISO(`${key}:00`, { zone });
  if (!start.isValid || timeKey(start.toMillis(), "hour", zone) !== key) return null;
  while (timeKey(start.minus({ hours: 1 }).toMillis(), "hour", zone) === key) start = start.minus({ hours: 1 });
  let end = start.plus({ hours: 1 });
  while (timeKey(end.toMillis(), "hour", zone) === key) end = end.plus({ hours: 1 });
  return { from: start.toUTC().toISO(), to: end.toUTC().toISO() };
}

/** The same number of days just before [from, to] (both included). */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const a = DateTime.fromISO(from, { zone: "utc" });
  const b = DateTime.fromISO(to, { zone: "utc" });
  const days = Math.round(b.diff(a, "days").days) + 1;
  return { from: isoDay(a.minus({ days })), to: isoDay(a.minus({ days: 1 })) };
}

/** "+12%" / "−3.4 pts" / "no change": a change against the previous period. */
export function change(now: number | null, before: number | null, kind: "count" | "rate"): string | null {
  if (now === null || before === null) return null;
  if (kind === "rate") {
    const pts = (now - before) * 100;
    return Math.abs(pts) < 0.05 ? "no change" : `${pts > 0 ? "+" : "−"}${Math.abs(pts).toFixed(1)} pts`;
  }
  if (before === 0) return now === 0 ? "no change" : "new";
  const pct = ((now - before) / before) * 100;
  return Math.abs(pct) < 0.5 ? "no change" : `${pct > 0 ? "+" : "−"}${Math.abs(pct).toFixed(0)}%`;
}

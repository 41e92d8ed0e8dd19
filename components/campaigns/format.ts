import { DAYS_OF_WEEK } from "@/lib/domain/syllable-values";
import type { Campaign } from "@/lib/schemas/syllable";

export const DAY_SHORT: Record<string, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };
export const DAY_LONG: Record<string, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** "Mon–Fri", "Sat, Sun", "Every day", or "No days"; unknown day values are shown as they are. */
export function formatDays(days: readonly string[] | null | undefined): string {
  const list = days ?? [];
  const known = DAYS_OF_WEEK.filter((d) => list.includes(d));
  const unknown = list.filter((d) => !(DAYS_OF_WEEK as readonly string[]).includes(d));
  if (known.length === 7 && unknown.length === 0) return "Every day";
  // Group consecutive days into runs: Mon–Wed, Fri.
  const parts: string[] = [];
  let i = 0;
  while (i < known.length) {
    let j = i;
    while (j + 1 < known.length && DAYS_OF_WEEK.indexOf(known[j + 1]!) === DAYS_OF_WEEK.indexOf(known[j]!) + 1) j++;
    const from = DAY_SHORT[known[i]!]!;
    const to = DAY_SHORT[known[j]!]!;
    parts.push(j - i >= 2 ? `${from}–${to}` : j === i ? from : `${from}, ${to}`);
    i = j + 1;
  }
  const all = [...parts, ...unknown];
  return all.length ? all.join(", ") : "No days";
}

/** "09:00:00" → "09:00". */
export function formatTime(t: string | null | undefined): string {
  if (!t) return "—";
  const m = /^(\d{2}):(\d{2})/.exec(t);
  return m ? `${m[1]}:${m[2]}` : t;
}

/** "Mon–Fri 09:00–17:00". */
export function formatWindow(c: Pick<Campaign, "active_days" | "daily_start_time" | "daily_end_time">): string {
  const hours = c.daily_start_time || c.daily_end_time ? `${formatTime(c.daily_start_time)}–${formatTime(c.daily_end_time)}` : "any time";
  return `${formatDays(c.active_days)} ${hours}`;
}

/** "2 after 30m", "None". */
export function formatRetries(c: Pick<Campaign, "retry_count" | "retry_interval">): string {
  const n = c.retry_count ?? 0;
  if (n === 0) return "None";
  return c.retry_interval ? `${n} after ${c.retry_interval}` : String(n);
}

export function campaignLabels(c: Pick<Campaign, "labels" | "label">): string[] {
  const labels = [...(c.labels ?? [])];
  if (c.label && !labels.includes(c.label)) labels.push(c.label);
  return labels;
}

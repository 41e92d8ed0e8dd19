"use client";

import { useEffect, useState } from "react";
import { absoluteUtc } from "@/lib/format";

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** "in 3 days", "5 minutes ago" relative to `now`. */
export function relative(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return rtf.format(Math.round(diff / ms), unit);
  }
  return "";
}

/** A length of time in words: "45 minutes", "3 hours", "2 days". */
export function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** Relative time with the absolute UTC time on hover; `nowIso` anchors it to the upstream's clock. */
export function RelativeTime({ iso, nowIso }: { iso: string | null | undefined; nowIso?: string }) {
  const live = useNow(30_000);
  if (!iso) return <span className="text-slate-400">—</span>;
  const now = nowIso ? Date.parse(nowIso) : live;
  return (
    <time dateTime={iso} title={absoluteUtc(iso)} className="whitespace-nowrap" suppressHydrationWarning>
      {relative(iso, now)}
    </time>
  );
}

/** "updated 3 s ago", ticking every second. */
export function UpdatedAgo({ at }: { at: number }) {
  const now = useNow(1000);
  if (!at) return null;
  const s = Math.max(0, Math.round((now - at) / 1000));
  return (
    <span className="text-xs text-slate-500" aria-live="off" suppressHydrationWarning>
      updated {s < 60 ? `${s} s` : `${Math.round(s / 60)} min`} ago
    </span>
  );
}

"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
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

/** The browser's clock, re-read every `everyMs` (re-renders the caller). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

// Syllable's times are on Syllable's clock (the sandbox's runs simulated, hours ahead; a live
// clock may be skewed): "how long ago" must be measured against Syllable's now, which the API
// sends as upstream_now. The offset is kept as "upstream now minus browser now at receipt".
const UpstreamClock = createContext(0);

/** Relates every `clock="upstream"` time below it to Syllable's clock. */
export function UpstreamClockProvider({ nowIso, receivedAt, children }: { nowIso: string | undefined; receivedAt: number; children: ReactNode }) {
  const t = nowIso ? Date.parse(nowIso) : NaN;
  const offset = Number.isFinite(t) && receivedAt ? t - receivedAt : 0;
  return <UpstreamClock.Provider value={offset}>{children}</UpstreamClock.Provider>;
}

/**
 * Relative time with the absolute UTC time on hover. `clock="upstream"` measures from Syllable's
 * now (see UpstreamClockProvider); `past` marks times that cannot be in the future (a last
 * update): a few seconds of skew then reads "just now", never "in 6 hours".
 */
export function RelativeTime({ iso, clock = "console", past }: { iso: string | null | undefined; clock?: "console" | "upstream"; past?: boolean }) {
  const live = useNow(30_000);
  const offset = useContext(UpstreamClock);
  if (!iso) return <span className="text-slate-400">—</span>;
  const now = live + (clock === "upstream" ? offset : 0);
  const ahead = Date.parse(iso) - now;
  return (
    <time dateTime={iso} title={absoluteUtc(iso)} className="whitespace-nowrap" suppressHydrationWarning>
      {past && ahead > 0 ? "just now" : relative(iso, now)}
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

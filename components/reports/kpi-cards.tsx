"use client";

// The headline figures of a period, each with its definition as a tooltip and the change
// against the period before (same length).
import { METRIC_DEFINITIONS } from "@/lib/domain/report-metrics";
import type { OutcomeFigures } from "@/lib/schemas/reports";
import { change } from "./report-range";

const KPIS = [
  { key: "requests", label: "Requests", kind: "count" },
  { key: "attempted", label: "Attempted", kind: "count" },
  { key: "reached", label: "Reached", kind: "count" },
  { key: "contact_rate", label: "Contact rate", kind: "rate" },
  { key: "voicemail", label: "Voicemail", kind: "count" },
  { key: "attempts_per_request", label: "Attempts per request", kind: "ratio" },
] as const;

const shown = (v: number | null, kind: string) =>
  v === null ? "–" : kind === "rate" ? `${(v * 100).toFixed(1)}%` : kind === "ratio" ? v.toFixed(2) : v.toLocaleString("en-US");

export function KpiCards({ now, before }: { now: OutcomeFigures; before: OutcomeFigures | undefined }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="kpis">
      {KPIS.map((k) => {
        const diff = before ? change(now[k.key], before[k.key], k.kind === "rate" ? "rate" : "count") : null;
        return (
          <div key={k.key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" title={METRIC_DEFINITIONS[k.key]}>
            <dt className="text-xs text-slate-600">
              {k.label}
              <span className="sr-only">: {METRIC_DEFINITIONS[k.key]}</span>
            </dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid={`kpi-${k.key}`}>
              {shown(now[k.key], k.kind)}
            </dd>
            {diff && <dd className="text-xs text-slate-600">{diff === "new" ? "none in the previous period" : `${diff} on the previous period`}</dd>}
          </div>
        );
      })}
    </dl>
  );
}

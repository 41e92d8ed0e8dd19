"use client";

// A report's rows as a table (by campaign or by batch), each figure with its definition in the
// header's tooltip; a batch opens its results table filtered to the report's period (or hour).
import Link from "next/link";
import { METRIC_DEFINITIONS } from "@/lib/domain/report-metrics";
import type { OutcomeReport } from "@/lib/schemas/reports";

const COLUMNS = [
  ["requests", "Requests"],
  ["attempted", "Attempted"],
  ["reached", "Reached"],
  ["contact_rate", "Contact rate"],
  ["voicemail", "Voicemail"],
  ["no_answer", "No answer"],
  ["busy", "Busy"],
  ["failed", "Failed"],
] as const;

const cell = (v: number | null, key: string) => (v === null ? "–" : key === "contact_rate" ? `${(v * 100).toFixed(1)}%` : v.toLocaleString("en-US"));

/** `refreshing`: these are the figures of the view before while the new ones load (dimmed, and busy to assistive technology). */
export function ReportTable({ report, caption, refreshing = false }: { report: OutcomeReport; caption: string; refreshing?: boolean }) {
  if (!report.rows.length) return <p className="text-sm text-slate-500">Nothing was dialed in this period.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-busy={refreshing || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
            <th scope="col" className="px-2 py-1 font-medium">
              {report.group_by === "campaign" ? "Campaign" : "Batch"}
            </th>
            {COLUMNS.map(([key, label]) => (
              <th key={key} scope="col" className="px-2 py-1 text-right font-medium whitespace-nowrap" title={METRIC_DEFINITIONS[key]}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={refreshing ? "opacity-60" : undefined}>
          {report.rows.map((r) => (
            <tr key={r.key} className="border-b border-slate-100">
              <th scope="row" className="min-w-40 px-2 py-1 text-left font-normal">
                {report.group_by === "batch" ? (
                  <Link
                    href={`/batches/${encodeURIComponent(r.key)}?${new URLSearchParams({ sent_from: report.from, sent_to: report.to })}#results-heading`}
                    className="text-indigo-700 hover:underline"
                  >
                    {r.key}
                  </Link>
                ) : (
                  <Link href={`/campaigns/${encodeURIComponent(r.key)}`} className="text-indigo-700 hover:underline">
                    {r.label ?? `Campaign ${r.key}`}
                  </Link>
                )}
              </th>
              {COLUMNS.map(([key]) => (
                <td key={key} className="px-2 py-1 text-right whitespace-nowrap tabular-nums">
                  {cell(r[key], key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Filtering result rows in memory (follow-up batches), the search text the stored rows keep,
// and the CSV encoding of the export. Paging and sorting are queries on the stored rows
// (lib/server/results). No I/O.
import type { ResultsQuery } from "@/lib/schemas/batches";
import type { RequestResult } from "@/lib/schemas/syllable";
import { csvLine } from "./csv";

export { csvCell } from "./csv";

export type ResultFilter = Pick<ResultsQuery, "status" | "insights_status" | "reference_id" | "q" | "sent_from" | "sent_to"> & {
  /** Channel outcomes (NO-ANSWER, BUSY, MACHINE…): any of them; a comma-separated list or an array. */
  channel_status?: string | readonly string[];
};

/** "NO-ANSWER, busy" or ["NO-ANSWER", "busy"] → the upper-cased set; empty when none. */
export function channelStatuses(v: string | readonly string[] | undefined): Set<string> {
  const list = typeof v === "string" ? v.split(",") : (v ?? []);
  return new Set(list.map((s) => s.trim().toUpperCase()).filter(Boolean));
}

/** The text a results search looks in (reference, target and variable values), lower-cased. */
export function searchText(r: RequestResult): string {
  const vars = r.request_variables
    ? Object.values(r.request_variables)
        .map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
        .join(" ")
    : "";
  return `${r.reference_id} ${r.target} ${vars}`.toLowerCase();
}

/**
 * A sent_at as one UTC instant ("2026-07-01T14:00:00.000Z"), so that instants sort and compare as
 * text whatever offset Syllable wrote; a value that is no date stays as it is.
 */
export function sentInstantOf(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString();
}

/** Rows matching every given filter (status/insights_status exact, case-insensitive; channel_status any of the list; reference_id exact; q substring of target/reference/variables; sent in [sent_from, sent_to)). */
export function filterResults(rows: readonly RequestResult[], f: ResultFilter): RequestResult[] {
  const status = f.status?.toUpperCase();
  const insights = f.insights_status?.toUpperCase();
  const q = f.q?.toLowerCase();
  const channel = channelStatuses(f.channel_status);
  const sentFrom = sentInstantOf(f.sent_from);
  const sentTo = sentInstantOf(f.sent_to);
  if (!status && !insights && !f.reference_id && !q && channel.size === 0 && !sentFrom && !sentTo) return rows.slice();
  const sentIn = (r: RequestResult) => {
    if (!sentFrom && !sentTo) return true;
    const at = sentInstantOf(r.sent_at);
    return !!at && (!sentFrom || at >= sentFrom) && (!sentTo || at < sentTo);
  };
  return rows.filter(
    (r) =>
      (!status || (r.request_status ?? "").toUpperCase() === status) &&
      (channel.size === 0 || channel.has((r.channel_manager_status ?? "").toUpperCase())) &&
      (!insights || (r.insights_status ?? "").toUpperCase() === insights) &&
      (!f.reference_id || r.reference_id === f.reference_id) &&
      (!q || searchText(r).includes(q)) &&
      sentIn(r),
  );
}

// ---- CSV -------------------------------------------------------------------------------------------

export const CSV_BASE_COLUMNS = [
  "reference_id",
  "target",
  "request_status",
  "channel_manager_status",
  "attempt_count",
  "sent_at",
  "insights_status",
  "insights_rating",
  "insights_summary",
  "insights",
  "line_type",
  "created_at",
] as const;

/** Variable names across the rows (first seen order, at most `max`), exported one column each. */
export function variableColumns(rows: readonly RequestResult[], max = 50): string[] {
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r.request_variables ?? {})) {
      if (seen.size >= max) return [...seen];
      seen.add(k);
    }
  }
  return [...seen];
}

export function csvHeader(vars: string[]): string {
  return csvLine([...CSV_BASE_COLUMNS, ...vars.map((v) => `var_${v}`)]);
}

export function csvRow(r: RequestResult, vars: string[]): string {
  const insights = r.insights ?? null;
  const cells: unknown[] = [
    r.reference_id,
    r.target,
    r.request_status,
    r.channel_manager_status,
    r.attempt_count,
    r.sent_at,
    r.insights_status,
    insights?.rating,
    insights?.summary,
    insights,
    r.line_type,
    r.created_at,
    ...vars.map((v) => r.request_variables?.[v]),
  ];
  return csvLine(cells);
}

// Pure paging / sorting / filtering of a batch's whole result set (Syllable returns it
// unpaginated), plus CSV encoding for the export. No I/O.
import type { Paged, ResultSortField, ResultsQuery } from "@/lib/schemas/batches";
import type { RequestResult } from "@/lib/schemas/syllable";
import { csvLine } from "./csv";

export { csvCell } from "./csv";

export type ResultFilter = Pick<ResultsQuery, "status" | "insights_status" | "reference_id" | "q"> & {
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

/** Rows matching every given filter (status/insights_status exact, case-insensitive; channel_status any of the list; reference_id exact; q substring of target/reference/variables). */
export function filterResults(rows: readonly RequestResult[], f: ResultFilter): RequestResult[] {
  const status = f.status?.toUpperCase();
  const insights = f.insights_status?.toUpperCase();
  const q = f.q?.toLowerCase();
  const channel = channelStatuses(f.channel_status);
  if (!status && !insights && !f.reference_id && !q && channel.size === 0) return rows.slice();
  return rows.filter(
    (r) =>
      (!status || (r.request_status ?? "").toUpperCase() === status) &&
      (channel.size === 0 || channel.has((r.channel_manager_status ?? "").toUpperCase())) &&
      (!insights || (r.insights_status ?? "").toUpperCase() === insights) &&
      (!f.reference_id || r.reference_id === f.reference_id) &&
      (!q || searchText(r).includes(q)),
  );
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Sorts in place; nulls last in either direction; stable (ties keep upstream order). */
export function sortResults(rows: RequestResult[], sort: ResultSortField, dir: "asc" | "desc" = "asc"): RequestResult[] {
  const sign = dir === "desc" ? -1 : 1;
  const numeric = sort === "attempt_count";
  const key = (r: RequestResult) => r[sort];
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const xn = x === null || x === undefined || x === "";
    const yn = y === null || y === undefined || y === "";
    if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;
    if (numeric) return sign * (Number(x) - Number(y));
    return sign * collator.compare(String(x), String(y));
  });
}

/** Filtered and sorted rows (a new array; the input is not changed). */
export function selectResults(rows: readonly RequestResult[], query: Pick<ResultsQuery, "sort" | "dir"> & ResultFilter): RequestResult[] {
  const filtered = filterResults(rows, query);
  return query.sort ? sortResults(filtered, query.sort, query.dir) : filtered;
}

/** One 1-based page of already filtered and sorted rows, in the console's envelope. */
export function pageOf<T>(rows: readonly T[], page: number, limit: number): Paged<T> {
  const total = rows.length;
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const start = (page - 1) * limit;
  return { items: rows.slice(start, start + limit), page, page_size: limit, total_count: total, total_pages: totalPages };
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

/** A stream of the CSV (header, then rows in chunks of `chunkRows`), never one big string. */
export function csvStream(rows: readonly RequestResult[], chunkRows = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const vars = variableColumns(rows);
  let i = -1;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === -1) {
        // BOM so spreadsheet apps read UTF-8 names correctly.
        controller.enqueue(encoder.encode("\uFEFF" + csvHeader(vars)));
        i = 0;
        return;
      }
      if (i >= rows.length) {
        controller.close();
        return;
      }
      let chunk = "";
      const end = Math.min(rows.length, i + chunkRows);
      for (; i < end; i++) chunk += csvRow(rows[i]!, vars);
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

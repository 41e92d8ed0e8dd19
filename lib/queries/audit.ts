import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AuditEntryView } from "@/lib/schemas/audit";
import { apiFetch } from "./api-fetch";
import { AUDIT_TABLE, parseTableUrl, readParam, type SearchLike } from "./table-url";

export type AuditPage = { items: AuditEntryView[]; page: number; page_size: number; total_count: number; total_pages: number; next_before: number | null };

/** The audit filters the URL may hold (the page reads and writes these). */
export const AUDIT_FILTERS = ["actor", "action", "target", "from", "to"] as const;

/** The URL's page, size and filters as GET /api/audit's query. */
export function auditParams(sp: SearchLike): Record<string, string> {
  const { page, pageSize } = parseTableUrl(sp, AUDIT_TABLE);
  const out: Record<string, string> = { page: String(page), limit: String(pageSize) };
  for (const k of AUDIT_FILTERS) {
    const v = readParam(sp, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The filters alone, for the CSV export link. */
export function auditCsvUrl(params: Record<string, string>): string {
  const filters = Object.fromEntries(Object.entries(params).filter(([k]) => (AUDIT_FILTERS as readonly string[]).includes(k)));
  return `/api/audit.csv?${new URLSearchParams(filters).toString()}`;
}

export const auditKeys = { all: ["audit"] as const, page: (params: Record<string, string>) => ["audit", params] as const };

export function auditQueryOptions(params: Record<string, string>) {
  return queryOptions({
    queryKey: auditKeys.page(params),
    queryFn: ({ signal }) => apiFetch<AuditPage>(`/api/audit?${new URLSearchParams(params).toString()}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

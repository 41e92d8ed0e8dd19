import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AuditEntryView } from "@/lib/schemas/audit";
import { apiFetch } from "./api-fetch";
import { AUDIT_FILTERS, AUDIT_TABLE, parseTableUrl, type SearchLike } from "./table-url";

export type AuditPage = { items: AuditEntryView[]; page: number; page_size: number; total_count: number; total_pages: number; next_before: number | null };

export { AUDIT_FILTERS };

/** The URL's page, size and filters as GET /api/audit's query. */
export function auditParams(sp: SearchLike): Record<string, string> {
  const { page, pageSize, filters } = parseTableUrl(sp, AUDIT_TABLE);
  return { page: String(page), limit: String(pageSize), ...filters };
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

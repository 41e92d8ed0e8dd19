// The outcome report as a query: one cache entry per range, zone, grouping and filter.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { GroupBy } from "@/lib/domain/report-metrics";
import type { OutcomeReport } from "@/lib/schemas/reports";
import { apiFetch } from "./api-fetch";

export type ReportView = { from: string; to: string; tz: string; campaign_id?: string };

export const reportQueryString = (v: ReportView, groupBy: GroupBy) =>
  new URLSearchParams({ from: v.from, to: v.to, tz: v.tz, group_by: groupBy, ...(v.campaign_id ? { campaign_id: v.campaign_id } : {}) }).toString();

export const outcomeReportQueryOptions = (v: ReportView, groupBy: GroupBy) =>
  queryOptions({
    queryKey: ["reports", "outcomes", v, groupBy],
    queryFn: ({ signal }) => apiFetch<OutcomeReport>(`/api/reports/outcomes?${reportQueryString(v, groupBy)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

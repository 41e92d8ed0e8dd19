// Suppression lists in the browser: queries and writes over /api/suppression-lists (and a
// campaign's lists), each write reading the lists again after it.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Paged } from "@/lib/schemas/paging";
import type { SuppressionCheck, SuppressionEntryInfo, SuppressionListInfo, SuppressionReport } from "@/lib/schemas/suppression";
import { apiFetch } from "./api-fetch";
import { postCsvFile } from "./batches";

export const suppressionKeys = {
  all: ["suppression"] as const,
  lists: ["suppression", "lists"] as const,
  list: (id: number) => ["suppression", "list", id] as const,
  numbers: (id: number, params: Record<string, string>) => ["suppression", "numbers", id, params] as const,
  campaign: (campaignId: number) => ["suppression", "campaign", campaignId] as const,
};

export type ImportReport = SuppressionReport & { rows: number };
export type FromResults = { batch_id: string; status?: string; channel_status?: string[]; insights_status?: string; reference_id?: string; q?: string };

export function suppressionListsQueryOptions() {
  return queryOptions({
    queryKey: suppressionKeys.lists,
    queryFn: ({ signal }) => apiFetch<{ items: SuppressionListInfo[] }>("/api/suppression-lists", { signal }),
  });
}

export function suppressionListQueryOptions(id: number) {
  return queryOptions({
    queryKey: suppressionKeys.list(id),
    queryFn: ({ signal }) => apiFetch<SuppressionListInfo>(`/api/suppression-lists/${id}`, { signal }),
  });
}

export function suppressionNumbersQueryOptions(id: number, params: Record<string, string>) {
  return queryOptions({
    queryKey: suppressionKeys.numbers(id, params),
    queryFn: ({ signal }) => apiFetch<Paged<SuppressionEntryInfo>>(`/api/suppression-lists/${id}/numbers?${new URLSearchParams(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function campaignSuppressionQueryOptions(campaignId: number) {
  return queryOptions({
    queryKey: suppressionKeys.campaign(campaignId),
    queryFn: ({ signal }) => apiFetch<{ items: SuppressionListInfo[] }>(`/api/campaigns/${campaignId}/suppression-lists`, { signal }),
  });
}

export const checkNumber = (number: string) => apiFetch<SuppressionCheck>(`/api/suppression/check?${new URLSearchParams({ number })}`);

export const numbersCsvUrl = (id: number) => `/api/suppression-lists/${id}/numbers.csv`;

/** Every write on lists; all suppression queries are read again after each. */
export function useSuppressionWrites() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: suppressionKeys.all });
  return {
    create: useMutation({
      mutationFn: (v: { name: string; description: string; applies_to: "all" | "assigned" }) =>
        apiFetch<SuppressionListInfo>("/api/suppression-lists", { method: "POST", json: v }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, ...patch }: { id: number; name?: string; description?: string; applies_to?: "all" | "assigned" }) =>
        apiFetch<SuppressionListInfo>(`/api/suppression-lists/${id}`, { method: "PATCH", json: patch }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: ({ id, reason }: { id: number; reason: string }) =>
        apiFetch<{ deleted: true }>(`/api/suppression-lists/${id}`, { method: "DELETE", json: { reason } }),
      onSuccess: done,
    }),
    addNumbers: useMutation({
      mutationFn: ({ id, ...body }: { id: number; numbers?: string[]; from_results?: FromResults; reason?: string; expires_at?: string }) =>
        apiFetch<SuppressionReport>(`/api/suppression-lists/${id}/numbers`, { method: "POST", json: body }),
      onSuccess: done,
    }),
    removeNumber: useMutation({
      mutationFn: ({ id, number, reason }: { id: number; number: string; reason: string }) =>
        apiFetch<{ removed: true }>(`/api/suppression-lists/${id}/numbers/${encodeURIComponent(number)}`, { method: "DELETE", json: { reason } }),
      onSuccess: done,
    }),
    importCsv: useMutation({
      mutationFn: ({ id, file, fields, onProgress }: { id: number; file: File; fields: Record<string, string>; onProgress: (f: number) => void }) =>
        postCsvFile<ImportReport>(`/api/suppression-lists/${id}/import`, file, onProgress, fields),
      onSuccess: done,
    }),
    assign: useMutation({
      mutationFn: ({ campaignId, list_ids }: { campaignId: number; list_ids: number[] }) =>
        apiFetch<{ items: SuppressionListInfo[] }>(`/api/campaigns/${campaignId}/suppression-lists`, { method: "PUT", json: { list_ids } }),
      onSuccess: done,
    }),
  };
}

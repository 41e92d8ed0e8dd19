import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { BatchDetailResponse, BatchListResponse, ResultsPage } from "@/lib/schemas/batches";
import { apiFetch, ApiClientError, readApiError } from "./api-fetch";
import { recoveringInterval } from "./query-client";

import { BATCH_LIST_TABLE, parseTableUrl, RESULTS_TABLE, type SearchLike } from "./table-url";

/** The /api/batches parameters a /batches page URL stands for (page URL: page, limit, sort, dir, field, value, start, end). */
export function batchListParams(sp: SearchLike): Record<string, string> {
  const { page, pageSize, sort, dir, filters } = parseTableUrl(sp, BATCH_LIST_TABLE);
  const out: Record<string, string> = { page: String(page), limit: String(pageSize) };
  const put = (k: string, v: string | undefined) => v !== undefined && (out[k] = v);
  if (filters.value) {
    put("search_field", filters.field ?? "batch_id");
    put("search_value", filters.value);
  }
  put("order_by", sort);
  put("order_dir", sort ? dir : undefined);
  put("start", filters.start);
  put("end", filters.end);
  return out;
}

/** The /api/batches/{id}/results parameters from the detail page URL (page, limit, sort, dir, status, insights, q, sent range). */
export function resultsParams(sp: SearchLike): Record<string, string> {
  const { page, pageSize, sort, dir, filters } = parseTableUrl(sp, RESULTS_TABLE);
  const out: Record<string, string> = { page: String(page), limit: String(pageSize) };
  if (sort) {
    out.sort = sort;
    out.dir = dir;
  }
  for (const [urlKey, apiKey] of [
    ["status", "status"],
    ["channel", "channel_status"],
    ["insights", "insights_status"],
    ["q", "q"],
    ["sent_from", "sent_from"],
    ["sent_to", "sent_to"],
  ] as const) {
    const v = filters[urlKey];
    if (v !== undefined) out[apiKey] = v;
  }
  return out;
}

export const batchKeys = {
  all: ["batches"] as const,
  lists: () => [...batchKeys.all, "list"] as const,
  list: (params: Record<string, string>) => [...batchKeys.lists(), params] as const,
  detail: (id: string) => [...batchKeys.all, "detail", id] as const,
  results: (id: string) => [...batchKeys.all, "results", id] as const,
  resultsPage: (id: string, params: Record<string, string>) => [...batchKeys.results(id), params] as const,
};

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const enc = encodeURIComponent;

export function batchListQueryOptions(params: Record<string, string>) {
  return queryOptions({
    queryKey: batchKeys.list(params),
    queryFn: ({ signal }) => apiFetch<BatchListResponse>(`/api/batches?${qs(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Whether a batch can still move, so it is worth polling. */
export function isLive(b: BatchDetailResponse | undefined): boolean {
  if (!b) return false;
  const status = (b.status ?? "").toUpperCase();
  if (["FAILED", "CANCELED", "EXPIRED"].includes(status)) return false;
  return b.progress.in_flight > 0 || (!b.paused && b.progress.pending > 0);
}

/** `pushed`: the page receives the batch's events (useBatchEvents), so it need not poll. */
export function batchDetailQueryOptions(id: string, opts: { pushed?: boolean } = {}) {
  return queryOptions({
    queryKey: batchKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<BatchDetailResponse>(`/api/batches/${enc(id)}`, { signal }),
    // Live while it can move and the tab is visible (stops when hidden); retries by itself while failing.
    refetchInterval: recoveringInterval((query: { state: { status: string; data?: BatchDetailResponse } }) =>
      !opts.pushed && isLive(query.state.data) ? 5_000 : false,
    ),
    refetchIntervalInBackground: false,
  });
}

export function batchResultsQueryOptions(id: string, params: Record<string, string>) {
  return queryOptions({
    queryKey: batchKeys.resultsPage(id, params),
    queryFn: ({ signal }) => apiFetch<ResultsPage>(`/api/batches/${enc(id)}/results?${qs(params)}`, { signal }),
    placeholderData: keepPreviousData,
    // While the first read of a big batch is under way, ask again each second (its progress).
    refetchInterval: (query) => (query.state.data?.reading ? 1_000 : false),
  });
}

export function resultsCsvUrl(id: string, params: Record<string, string>): string {
  const { page: _page, limit: _limit, ...filters } = params;
  void _page;
  void _limit;
  const q = qs(filters);
  return `/api/batches/${enc(id)}/results.csv${q ? `?${q}` : ""}`;
}

/** Uploads a CSV with upload progress (XMLHttpRequest: fetch has no upload progress), errors as ApiClientError. */
export function uploadBatchCsv<T>(id: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return postCsvFile<T>(`/api/batches/${enc(id)}/upload`, file, onProgress);
}

/** POSTs `file` as the multipart field "file" (with `fields` beside it), reporting upload progress. */
export function postCsvFile<T>(url: string, file: File, onProgress: (fraction: number) => void, fields: Record<string, string> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiClientError(0, "network", "Couldn't reach the console server. Check your connection and try again."));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const e = readApiError(data);
      reject(
        e
          ? new ApiClientError(xhr.status, e.code, e.message, e.fields)
          : new ApiClientError(xhr.status, "unknown", `The server answered with HTTP ${xhr.status}.`),
      );
    };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { ConsoleChange } from "@/lib/schemas/audit";
import type { BatchCounts, CampaignCreate, CampaignListResponse, CampaignPatch, CampaignUpdateResponse } from "@/lib/schemas/campaigns";
import type { Campaign } from "@/lib/schemas/syllable";
import { apiFetch } from "./api-fetch";

import { CAMPAIGN_LIST_TABLE, parseTableUrl, type SearchLike } from "./table-url";

/** The /api/campaigns parameters a /campaigns page URL stands for (page URL: page, limit, sort, dir, q, label, mode). */
export function campaignListParams(sp: SearchLike): Record<string, string> {
  const { page, pageSize, sort, dir, filters } = parseTableUrl(sp, CAMPAIGN_LIST_TABLE);
  const out: Record<string, string> = { page: String(page), limit: String(pageSize) };
  const put = (k: string, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put("search", filters.q);
  put("label", filters.label);
  put("mode", filters.mode);
  put("order_by", sort);
  put("order_dir", sort ? dir : undefined);
  return out;
}

export const campaignKeys = {
  all: ["campaigns"] as const,
  lists: () => [...campaignKeys.all, "list"] as const,
  list: (params: Record<string, string>) => [...campaignKeys.lists(), params] as const,
  detail: (id: number) => [...campaignKeys.all, "detail", id] as const,
};

export type CampaignDetailResponse = { campaign: Campaign; batch_counts: BatchCounts | null; console_change?: ConsoleChange | null };

export function campaignListQueryOptions(params: Record<string, string>) {
  return queryOptions({
    queryKey: campaignKeys.list(params),
    queryFn: ({ signal }) => apiFetch<CampaignListResponse>(`/api/campaigns?${new URLSearchParams(params).toString()}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function campaignDetailQueryOptions(id: number) {
  return queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<CampaignDetailResponse>(`/api/campaigns/${encodeURIComponent(id)}`, { signal }),
  });
}

/** PATCH the changed fields; a 409 arrives as ApiClientError with status 409 and the changed fields. */
export function patchCampaign(id: number, patch: CampaignPatch) {
  return apiFetch<CampaignUpdateResponse>(`/api/campaigns/${encodeURIComponent(id)}`, { method: "PATCH", json: patch });
}

export function createCampaign(body: CampaignCreate) {
  return apiFetch<{ campaign: Campaign }>("/api/campaigns", { method: "POST", json: body });
}

export function deleteCampaign(id: number, reason: string, confirmActiveBatches: boolean) {
  return apiFetch<{ deleted: true; id: number; active_batches: number }>(`/api/campaigns/${encodeURIComponent(id)}`, {
    method: "DELETE",
    json: { reason, confirm_active_batches: confirmActiveBatches },
  });
}

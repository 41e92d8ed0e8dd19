// The operations overview: GET /api/live (server prefetch and client query share these options);
// pushed rows arrive through useLiveOverviewEvents (./live-events). Polling only as the fallback.
import { queryOptions } from "@tanstack/react-query";
import type { LiveOverviewResponse } from "@/lib/schemas/live";
import { apiFetch } from "./api-fetch";
import { recoveringInterval } from "./query-client";

export const liveKeys = { overview: (params: Record<string, string>) => ["live", "overview", params] as const };

/** `pushed`: the overview stream is open, so no polling. */
export function liveOverviewQueryOptions(params: Record<string, string>, opts: { pushed?: boolean } = {}) {
  return queryOptions({
    queryKey: liveKeys.overview(params),
    queryFn: ({ signal }) => apiFetch<LiveOverviewResponse>(`/api/live?${new URLSearchParams(params)}`, { signal }),
    refetchInterval: recoveringInterval(opts.pushed ? false : 5_000),
  });
}

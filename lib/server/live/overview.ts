import "server-only";
// GET /api/live: the operations overview from the live engine's states (no per-viewer upstream
// calls beyond what the engine does anyway).
import { overviewRow, overviewTotals, sortByAttention, type OverviewRow } from "@/lib/domain/overview";
import type { LiveOverviewResponse } from "@/lib/schemas/live";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { mapBounded, withDeadline } from "@/lib/server/batches/ttl-cache";
import { getConfig } from "@/lib/server/env";
import { upstreamNow } from "@/lib/server/syllable";
import { getStore } from "@/lib/server/store";
import { alertView } from "./alert-view";
import { ensureDiscovered } from "./discovery";
import { getLiveEngine } from "./index";

export type OverviewQuery = { campaign?: number; status?: string };
export type LiveOverview = LiveOverviewResponse;

/** Whether a row passes the overview's filters. */
export function matches(row: Pick<OverviewRow, "campaign_id" | "status" | "paused">, q: OverviewQuery): boolean {
  if (q.campaign !== undefined && row.campaign_id !== q.campaign) return false;
  if (q.status && String(row.status ?? "").toUpperCase() !== q.status.toUpperCase()) return false;
  return true;
}

/** Every followed batch, filtered and sorted by what needs attention, with totals. */
export async function liveOverview(q: OverviewQuery): Promise<LiveOverview> {
  const discoveredAt = await ensureDiscovered();
  const engine = getLiveEngine();
  const { timeoutMs } = getConfig();
  // Fresh states come from memory; a batch not read yet gets one read, all under one deadline.
  const states = await mapBounded(engine.trackedIds(), 8, (id) => withDeadline<BatchDetailResponse>(engine.current(id), timeoutMs));
  const shown = states.filter((s): s is BatchDetailResponse => s !== null).filter((s) => matches(overviewRow(s), q));
  return {
    batches: sortByAttention(shown.map(overviewRow)),
    totals: overviewTotals(shown),
    alerts: (await getStore().alerts.list({ state: "open", limit: 100 })).map(alertView),
    upstream_now: upstreamNow().toISOString(),
    discovered_at: discoveredAt ? new Date(discoveredAt).toISOString() : null,
  };
}

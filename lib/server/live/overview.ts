import "server-only";
// GET /api/live: the operations overview from the live engine's states (no per-viewer upstream
// calls beyond what the engine does anyway).
import { overviewRow, overviewTotals, sortByAttention, tally, type OverviewRow, type TallyCounts } from "@/lib/domain/overview";
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

type Baseline = { at: string; tally: TallyCounts } | null;
// A batch's counts as of the day's start do not change once known (a snapshot before midnight
// cannot appear later; the first one after it stays the first), so each is read once a day.
const baselines = new Map<string, Baseline>();

async function baselinesAt(since: string, batchIds: string[]): Promise<Map<string, Baseline>> {
  const store = getStore().snapshots;
  const out = new Map<string, Baseline>();
  for (const id of batchIds) {
    const key = `${since} ${id}`;
    let base = baselines.get(key);
    if (base === undefined) {
      const s = await store.asOf(id, since);
      base = s ? { at: s.at, tally: tally(s.statusCounts, s.outcomes) } : null;
      // Not remembered while there is nothing at all: the first snapshot is still to come.
      if (base) {
        if (baselines.size > 10_000) baselines.clear();
        baselines.set(key, base);
      }
    }
    out.set(id, base);
  }
  return out;
}

/** Every followed batch, filtered and sorted by what needs attention, with totals. */
export async function liveOverview(q: OverviewQuery): Promise<LiveOverview> {
  const discoveredAt = await ensureDiscovered();
  const engine = getLiveEngine();
  const { timeoutMs } = getConfig();
  // Fresh states come from memory; a batch not read yet gets one read, all under one deadline.
  const states = await mapBounded(engine.trackedIds(), 8, (id) => withDeadline<BatchDetailResponse>(engine.current(id), timeoutMs));
  const shown = states.filter((s): s is BatchDetailResponse => s !== null).filter((s) => matches(overviewRow(s), q));
  const now = upstreamNow();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
  return {
    batches: sortByAttention(shown.map(overviewRow)),
    totals: overviewTotals(shown, {
      since,
      baselines: await baselinesAt(
        since,
        shown.map((s) => s.batch_id),
      ),
    }),
    alerts: (await getStore().alerts.list({ state: "open", limit: 100 })).map(alertView),
    upstream_now: now.toISOString(),
    discovered_at: discoveredAt ? new Date(discoveredAt).toISOString() : null,
  };
}

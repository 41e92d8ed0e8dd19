import "server-only";
// The batches data-access layer used by route handlers and server-component prefetches: one
// place for caching, snapshot recording and the shape of what the browser gets.
import { latestConsoleChange } from "@/lib/server/audit";
import type {
  BatchDetailResponse,
  BatchListItem,
  BatchListQuery,
  CampaignPacing,
  Paged,
  ResultsQuery,
  SnapshotPoint,
} from "@/lib/schemas/batches";
import type { BatchDetails, Campaign, RequestResult } from "@/lib/schemas/syllable";
import { getStore } from "@/lib/server/store";
import { getSyllable, upstreamNow } from "@/lib/server/syllable";
import { countProgress, deriveProgress, rowProgress } from "@/lib/domain/progress";
import { pageOf, selectResults } from "@/lib/domain/results";
import { createTtlCache, mapBounded } from "./ttl-cache";

// Caches live on globalThis so Next's dev reloads keep them (and keep them single).
const g = globalThis as unknown as {
  __batchCaches?: {
    campaigns: ReturnType<typeof createTtlCache<"all", Map<number, Campaign>>>;
    details: ReturnType<typeof createTtlCache<string, BatchDetails>>;
    live: ReturnType<typeof createTtlCache<string, BatchDetails>>;
    results: ReturnType<typeof createTtlCache<string, RequestResult[]>>;
    selections: ReturnType<typeof createTtlCache<string, RequestResult[]>>;
  };
};
function caches() {
  g.__batchCaches ??= {
    // The campaign list changes rarely; names and pacing for every list request come from here.
    campaigns: createTtlCache({ ttlMs: 10_000, max: 1 }),
    // Row progress in the batch list; short so the list stays live.
    details: createTtlCache({ ttlMs: 4_000, max: 500 }),
    // The detail page's fresh reads: nothing kept, but watchers polling at once share one call.
    live: createTtlCache({ ttlMs: 0, max: 500 }),
    // Whole result sets (up to 100k rows each, ~100 MB parsed for the largest): few and short-lived.
    results: createTtlCache({ ttlMs: 8_000, max: 4 }),
    // Filtered + sorted views of a cached result set, so paging does not re-sort 100k rows.
    selections: createTtlCache({ ttlMs: 8_000, max: 16 }),
  };
  return g.__batchCaches;
}

/** Every campaign by id, cached ~10 s and fetched with one list call per 1,000 campaigns. */
export async function campaignIndex(): Promise<Map<number, Campaign>> {
  return caches().campaigns.get("all", async () => {
    const map = new Map<number, Campaign>();
    for (let page = 0; page < 10; page++) {
      const res = await getSyllable().listCampaigns({ page, limit: 1000 });
      for (const c of res.items) map.set(c.id, c);
      if (res.items.length < 1000 || (res.total_pages != null && page + 1 >= res.total_pages)) break;
    }
    return map;
  });
}

export function pacingOf(c: Campaign): CampaignPacing {
  return {
    id: c.id,
    campaign_name: c.campaign_name,
    hourly_rate: c.hourly_rate ?? null,
    max_daily_calls: c.max_daily_calls ?? null,
    daily_start_time: c.daily_start_time ?? null,
    daily_end_time: c.daily_end_time ?? null,
    active_days: c.active_days ?? null,
    mode: c.mode ?? null,
  };
}

/**
 * Forgets what a write changed about one batch: its details always; its result set only when the
 * requests changed (upload, add, remove, delete). A pause, expiry or rate change leaves the
 * results (up to 100k rows, ~49 MB from Syllable) as they are.
 */
export function invalidateBatch(batchId: string, opts: { results: boolean }): void {
  const c = caches();
  c.details.invalidate(batchId);
  c.live.invalidate(batchId);
  if (!opts.results) return;
  c.results.invalidate(batchId);
  // Selection keys start with the batch id; the cache is small, so clearing it all is fine.
  c.selections.clear();
}

/**
 * GET /api/batches. Upstream calls per request are bounded: 1 list call, ≤1 campaign-list call
 * (cached 10 s, shared), and ≤ `limit` (max 100) detail calls for row progress, at most 8 in
 * flight and each cached 4 s, so several people watching the list cost little more than one.
 * A failed detail call leaves that row's progress empty instead of failing the list.
 */
export async function listBatches(q: BatchListQuery): Promise<Paged<BatchListItem>> {
  const syllable = getSyllable();
  const search = q.search_field && q.search_value ? [{ field: q.search_field, value: q.search_value }] : undefined;
  const [list, campaigns] = await Promise.all([
    syllable.listBatches({
      page: q.page - 1,
      limit: q.limit,
      search,
      order_by: q.order_by,
      order_by_direction: q.order_dir,
      start_datetime: q.start ? toDateTime(q.start, "start") : undefined,
      end_datetime: q.end ? toDateTime(q.end, "end") : undefined,
    }),
    campaignIndex().catch(() => new Map<number, Campaign>()),
  ]);
  const details = await mapBounded(list.items, 8, (b) =>
    caches()
      .details.get(b.batch_id, () => syllable.getBatch(b.batch_id))
      .catch(() => null),
  );
  const items: BatchListItem[] = list.items.map((b, i) => ({
    ...b,
    campaign_name: campaigns.get(b.campaign_id)?.campaign_name ?? null,
    progress: details[i] ? rowProgress(details[i]!.status_counts) : null,
  }));
  const total = list.total_count ?? items.length;
  return {
    items,
    page: q.page,
    page_size: q.limit,
    total_count: total,
    total_pages: list.total_pages ?? Math.max(1, Math.ceil(total / q.limit)),
  };
}

/** A bare date filter covers that whole UTC day. */
function toDateTime(v: string, edge: "start" | "end"): string {
  if (v.length > 10) return v;
  return edge === "start" ? `${v}T00:00:00Z` : `${v}T23:59:59.999Z`;
}

const SNAPSHOT_MIN_GAP_MS = 10_000;

/** Records a progress snapshot unless one was taken in the last 10 s (upstream time) with the same counts. */
async function recordSnapshot(batchId: string, at: Date, statusCounts: Record<string, number>): Promise<void> {
  const store = getStore().snapshots;
  const { total, finished } = countProgress(statusCounts);
  const last = (await store.list(batchId, { limit: 1 }))[0];
  const gap = last ? at.getTime() - Date.parse(last.at) : Infinity;
  const changed = !last || last.total !== total || last.finished !== finished || JSON.stringify(last.statusCounts) !== JSON.stringify(statusCounts);
  if (gap <= 0 || (gap < SNAPSHOT_MIN_GAP_MS && !changed)) return;
  await store.add({ batchId, at: at.toISOString(), total, finished, statusCounts });
}

/**
 * GET /api/batches/{id} (and the page's prefetch): fresh details from Syllable, its campaign's
 * pacing, a progress snapshot recorded, and the derived progress over the snapshot history.
 */
export async function loadBatchDetail(batchId: string): Promise<BatchDetailResponse> {
  const details = await caches().live.get(batchId, () => getSyllable().getBatch(batchId));
  // Fresher than what the batch list cached for this row: let the list use it.
  caches().details.set(batchId, details);
  const now = upstreamNow();
  let campaign: CampaignPacing | null = null;
  try {
    const c = (await campaignIndex()).get(details.campaign_id) ?? (await getSyllable().getCampaign(details.campaign_id));
    campaign = pacingOf(c);
  } catch {
    campaign = null; // shown as "campaign could not be loaded"; the batch itself still renders
  }
  try {
    await recordSnapshot(batchId, now, details.status_counts ?? {});
  } catch (err) {
    console.error("Could not record a progress snapshot:", err);
  }
  const history: SnapshotPoint[] = (await getStore().snapshots.list(batchId, { limit: 500 })).map((s) => ({ at: s.at, total: s.total, finished: s.finished, statusCounts: s.statusCounts }));
  const console_change = await latestConsoleChange(`batch:${batchId}`);
  return { ...details, campaign, progress: deriveProgress({ batch: details, campaign, now, snapshots: history }), history, console_change };
}

/** The whole parsed result set of a batch, cached 8 s per batch with concurrent loads coalesced. */
export function loadAllResults(batchId: string): Promise<RequestResult[]> {
  return caches().results.get(batchId, () => getSyllable().getBatchResults(batchId));
}

// Each loaded result set gets an id, so a view is never reused across a refreshed set.
const setIds = new WeakMap<object, number>();
let nextSetId = 1;
function setIdOf(rows: object): number {
  let id = setIds.get(rows);
  if (id === undefined) {
    id = nextSetId++;
    setIds.set(rows, id);
  }
  return id;
}

/** Filtered + sorted rows for a query, reusing the sorted view while paging through it. */
export async function selectBatchResults(batchId: string, q: Omit<ResultsQuery, "page" | "limit">): Promise<RequestResult[]> {
  const all = await loadAllResults(batchId);
  const key = JSON.stringify([batchId, setIdOf(all), q.status ?? "", q.insights_status ?? "", q.reference_id ?? "", q.q ?? "", q.sort ?? "", q.dir ?? ""]);
  return caches().selections.get(key, async () => selectResults(all, q));
}

/** GET /api/batches/{id}/results: one page across the whole (server-side) result set. */
export async function pageBatchResults(batchId: string, q: ResultsQuery): Promise<Paged<RequestResult>> {
  const rows = await selectBatchResults(batchId, q);
  return pageOf(rows, q.page, q.limit);
}

import "server-only";
// Batch reads as the browser gets them: the list with row progress and a batch with its derived
// progress (results are in lib/server/results). Caching is in ./batch-caches, snapshots in
// ./progress-snapshots.
import { followUpSourceOf, latestConsoleChange } from "@/lib/server/audit";
import { getStore } from "@/lib/server/store";
import type { BatchDetailResponse, BatchListItem, BatchListQuery, BatchListResponse, CampaignPacing } from "@/lib/schemas/batches";
import type { Campaign } from "@/lib/schemas/syllable";
import { getSyllable, upstreamNow } from "@/lib/server/syllable";
import { deriveProgress, rowProgress, type ReleasedTime } from "@/lib/domain/progress";
import { releasedBands, type RecipientGroup } from "@/lib/domain/calling-hours";
import { callingHoursPolicy, scheduleOf } from "@/lib/server/schedule/policy";
import type { ScheduleRow } from "@/lib/server/store/types";
import { caches, invalidateBatch } from "./batch-caches";
import { campaignIndex, pacingOf } from "./campaign-index";
import { recordSnapshot, snapshotHistory } from "./progress-snapshots";
import { channelOutcomes } from "@/lib/domain/overview";
import { manyCampaignsMessage, matchCampaign } from "@/lib/domain/campaign-search";
import { getConfig } from "@/lib/server/env";
import { ApiError, isApiError } from "@/lib/server/errors";
import { createTtlCache, mapBounded, withDeadline } from "./ttl-cache";
import { processSingleton } from "@/lib/process-singletons";

export { invalidateBatch };
export { campaignIndex, pacingOf } from "./campaign-index";

/**
 * GET /api/batches. Upstream calls per request are bounded: 1 list call, ≤1 campaign-list call
 * (cached 10 s, shared), and ≤ `limit` (max 100) detail calls for row progress, at most 16 in
 * flight and each cached 4 s, so several people watching the list cost little more than one.
 *
 * Time is bounded too: the detail calls share ONE deadline (a third of the upstream timeout
 * after the list arrived, never past the timeout itself), so a slow Syllable costs the list
 * seconds, not waves of timeouts. A row whose details failed or missed the deadline says
 * "progress unavailable"; the late call keeps running and fills the cache for the next refresh.
 */
export async function listBatches(q: BatchListQuery): Promise<BatchListResponse> {
  const syllable = getSyllable();
  const started = Date.now();
  const { timeoutMs } = getConfig();
  let search = q.search_field && q.search_value ? [{ field: q.search_field, value: q.search_value }] : undefined;
  if (q.search_field === "campaign_id" && q.search_value && !/^\d+$/.test(q.search_value)) {
    // A campaign name: Syllable filters by id only, so find the one campaign it means.
    const match = matchCampaign(q.search_value, (await campaignIndex()).values());
    if (match.kind === "many") {
      const sentence = manyCampaignsMessage(q.search_value, match.candidates);
      throw new ApiError("validation_failed", sentence, { search_value: sentence });
    }
    if (match.kind === "none")
      return { items: [], page: q.page, page_size: q.limit, total_count: 0, total_pages: 1, upstream_now: upstreamNow().toISOString() };
    search = [{ field: "campaign_id", value: String(match.id) }];
  }
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
    withDeadline(campaignIndex(), timeoutMs).then((m) => m ?? new Map<number, Campaign>()),
  ]);
  const deadline = Math.min(started + timeoutMs, Date.now() + Math.max(1_000, timeoutMs / 3));
  const details = await mapBounded(list.items, 16, (b) =>
    withDeadline(
      caches().details.get(b.batch_id, () => syllable.getBatch(b.batch_id)),
      deadline - Date.now(),
    ),
  );
  const items: BatchListItem[] = list.items.map((b, i) => ({
    ...b,
    campaign_name: campaigns.get(b.campaign_id)?.campaign_name ?? null,
    progress: details[i] ? rowProgress(details[i].status_counts) : null,
    progress_unavailable: !details[i],
  }));
  const total = list.total_count ?? items.length;
  return {
    items,
    page: q.page,
    page_size: q.limit,
    total_count: total,
    total_pages: list.total_pages ?? Math.max(1, Math.ceil(total / q.limit)),
    upstream_now: upstreamNow().toISOString(),
  };
}

/** A bare date filter covers that whole UTC day. */
function toDateTime(v: string, edge: "start" | "end"): string {
  if (v.length > 10) return v;
  return edge === "start" ? `${v}T00:00:00Z` : `${v}T23:59:59.999Z`;
}

/**
 * One fresh read of a batch (the live engine's reader): details from Syllable, its campaign's
 * pacing, a progress snapshot recorded, and the derived progress over the snapshot history.
 */
export async function readBatchDetail(batchId: string): Promise<BatchDetailResponse> {
  const details = await getSyllable().getBatch(batchId);
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
    await recordSnapshot(batchId, now, details.status_counts ?? {}, channelOutcomes(details.detailed_status_counts));
  } catch (err) {
    console.error("Could not record a progress snapshot:", err);
  }
  const history = await snapshotHistory(batchId);
  const [console_change, follow_up_of, suppressed, schedule] = await Promise.all([
    latestConsoleChange(`batch:${batchId}`),
    followUpSourceOf(batchId),
    getStore().suppression.batch(batchId),
    getStore().schedules.get(batchId),
  ]);
  const held = details.paused === true && schedule?.heldBySchedule && schedule.state === "held";
  return {
    ...details,
    campaign,
    progress: deriveProgress({
      batch: details,
      campaign,
      now,
      snapshots: history,
      stallFallbackMs: getConfig().alertStallMinutes * 60_000,
      released: schedule ? await releasedTime(schedule, now.getTime()) : undefined,
      heldBySchedule: !!held,
    }),
    history,
    console_change,
    follow_up_of,
    schedule_hold: held ? { by: schedule.reason.startsWith("calling hours") ? "calling_hours" : "schedule", reason: schedule.reason } : null,
    ...(suppressed.atUpload || suppressed.removed ? { suppression: { at_upload: suppressed.atUpload, removed: suppressed.removed } } : {}),
    upstream_now: now.toISOString(),
  };
}

/** How far ahead the ETA follows the scheduler's bands (past it, no restriction is known). */
const RELEASED_HORIZON_MS = 28 * 86_400_000;

/** When the scheduler will let a followed batch dial, from its schedule and its recipients' places as last counted. */
async function releasedTime(row: ScheduleRow, now: number): Promise<ReleasedTime> {
  const policy = await callingHoursPolicy();
  // A watched batch is read every second: its 4 weeks of bands are worked out again only when its
  // schedule, its recipients' places or the policy changed, or a minute has passed.
  const key = `${row.batchId}|${row.updatedAt}|${row.groupsAt}|${policy.updated_at ?? ""}`;
  return releasedCache().get(key, async () => {
    const bands = releasedBands(scheduleOf(row), row.groups as RecipientGroup[], policy, now, RELEASED_HORIZON_MS);
    return { bands, until: now + RELEASED_HORIZON_MS };
  });
}
const releasedCache = () => processSingleton("released-bands", () => createTtlCache<string, ReleasedTime>({ ttlMs: 60_000, max: 2_000 }));

/** Syllable's 409 for a batch id in use, as the field error a form can show at the id. */
export function idInUseAsField(err: unknown, batchId: string): unknown {
  if (isApiError(err) && err.code === "conflict")
    return new ApiError("conflict", `A batch with the id ${batchId} exists already.`, { batch_id: "This id is in use: choose another" });
  return err;
}

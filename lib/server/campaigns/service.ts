import "server-only";
import type { ConsoleChange } from "@/lib/schemas/audit";
import { latestConsoleChange } from "@/lib/server/audit";
import {
  ACTIVE_BATCH_STATUSES,
  normaliseTime,
  type BatchCounts,
  type CampaignCreate,
  type CampaignListQuery,
  type CampaignListResponse,
} from "@/lib/schemas/campaigns";
import type { Batch, Campaign } from "@/lib/schemas/syllable";
import { ApiError } from "@/lib/server/errors";
import type { SyllableClient } from "@/lib/server/syllable";
import { rememberCampaigns } from "./campaign-versions";
import { campaignIdFrom } from "@/lib/schemas/campaign-id";

/**
 * How many batches one upstream call may return. Batch counts come from ONE list call (projected
 * to a few fields) rather than one call per campaign on the page: the upstream cost stays fixed
 * whatever the page size. Above this many batches the counts are a lower bound and say so.
 */
export const BATCH_COUNT_LIMIT = 1000;
const ACTIVE = new Set<string>(ACTIVE_BATCH_STATUSES);

/** Parses a campaign id from a URL; anything but a positive integer is simply "not found". */
export function parseCampaignId(raw: string | undefined): number {
  const id = campaignIdFrom(raw);
  if (id === null) throw new ApiError("not_found", `Campaign ${JSON.stringify(raw ?? "")} was not found.`);
  return id;
}

/** Counts batches per campaign id. */
export function countBatches(batches: Pick<Batch, "campaign_id" | "status">[]): Map<number, BatchCounts> {
  const counts = new Map<number, BatchCounts>();
  for (const b of batches) {
    const c = counts.get(b.campaign_id) ?? { active: 0, total: 0 };
    c.total += 1;
    if (ACTIVE.has(String(b.status ?? "").toUpperCase())) c.active += 1;
    counts.set(b.campaign_id, c);
  }
  return counts;
}

/** One page of campaigns with their batch counts (null counts when the batch call failed: the list still shows). */
export async function listCampaignsWithCounts(client: SyllableClient, q: CampaignListQuery): Promise<CampaignListResponse> {
  const search: Array<{ field: string; value: string }> = [];
  if (q.search) search.push({ field: "campaign_name", value: q.search });
  if (q.label) search.push({ field: "labels", value: q.label });
  if (q.mode) search.push({ field: "mode", value: q.mode });
  const [list, batches] = await Promise.all([
    client.listCampaigns({
      page: q.page - 1,
      limit: q.limit,
      search,
      order_by: q.order_by,
      order_by_direction: q.order_by ? (q.order_dir ?? "asc") : undefined,
    }),
    client
      .listBatches({
        page: 0,
        limit: BATCH_COUNT_LIMIT,
        fields: ["batch_id", "campaign_id", "status"],
        order_by: "last_updated_at",
        order_by_direction: "desc",
      })
      .catch((err: unknown) => {
        console.warn("Campaign list: batch counts unavailable:", err instanceof Error ? err.message : err);
        return null;
      }),
  ]);
  const counts = batches ? countBatches(batches.items) : null;
  await rememberCampaigns(...list.items);
  const total = list.total_count ?? list.items.length;
  return {
    items: list.items.map((c) => ({ ...c, batch_counts: counts ? (counts.get(c.id) ?? { active: 0, total: 0 }) : null })),
    page: q.page,
    page_size: q.limit,
    total_count: total,
    total_pages: list.total_pages ?? Math.ceil(total / q.limit),
    batch_counts_complete: batches !== null && (batches.total_count ?? batches.items.length) <= batches.items.length,
  };
}

/** One campaign, remembered so a later 409 can name what changed since. */
export async function getCampaignForView(client: SyllableClient, id: number): Promise<Campaign> {
  const campaign = await client.getCampaign(id);
  await rememberCampaigns(campaign);
  return campaign;
}

/** What the detail page shows: the campaign and its batch counts (null if the batch list failed; the campaign still shows). */
export async function campaignDetail(
  client: SyllableClient,
  id: number,
): Promise<{ campaign: Campaign; batch_counts: BatchCounts | null; console_change: ConsoleChange | null }> {
  const [campaign, batch_counts] = await Promise.all([getCampaignForView(client, id), campaignBatchCounts(client, id).catch(() => null)]);
  return { campaign, batch_counts, console_change: await latestConsoleChange(`campaign:${id}`) };
}

/** The batch counts of one campaign (one filtered upstream call). */
export async function campaignBatchCounts(client: SyllableClient, id: number): Promise<BatchCounts> {
  const res = await client.listBatches({
    page: 0,
    limit: BATCH_COUNT_LIMIT,
    search: [{ field: "campaign_id", value: String(id) }],
    fields: ["batch_id", "campaign_id", "status"],
  });
  return countBatches(res.items.filter((b) => b.campaign_id === id)).get(id) ?? { active: 0, total: 0 };
}

/**
 * Deletes a campaign. With active batches (pending, active or paused) it refuses with 409 unless
 * the caller confirmed (`?force=true` or `{"confirm_active_batches": true}`).
 */
export async function deleteCampaignChecked(
  client: SyllableClient,
  id: number,
  confirmed: boolean,
): Promise<{ deleted: true; id: number; active_batches: number }> {
  await client.getCampaign(id); // 404 before anything else
  const counts = await campaignBatchCounts(client, id);
  if (counts.active > 0 && !confirmed) {
    throw new ApiError("conflict", `This campaign has ${counts.active} active batch${counts.active === 1 ? "" : "es"}. Confirm to delete it anyway.`, {
      confirm_active_batches: "Confirm that the active batches may lose their campaign.",
    });
  }
  await client.deleteCampaign(id);
  return { deleted: true, id, active_batches: counts.active };
}

/** Creates a campaign from the admin form (no webhooks or variables yet). */
export async function createCampaignFrom(client: SyllableClient, body: CampaignCreate): Promise<Campaign> {
  const created = await client.createCampaign({
    campaign_name: body.campaign_name,
    description: body.description ?? null,
    mode: body.mode,
    caller_id: body.caller_id,
    source: body.source,
    daily_start_time: normaliseTime(body.daily_start_time),
    daily_end_time: normaliseTime(body.daily_end_time),
    active_days: body.active_days,
    hourly_rate: body.hourly_rate,
    max_daily_calls: body.max_daily_calls ?? null,
    retry_count: body.retry_count,
    retry_interval: body.retry_interval,
    labels: body.labels ?? [],
    campaign_variables: {},
    webhooks: [],
  });
  await rememberCampaigns(created);
  return created;
}

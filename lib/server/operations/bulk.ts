import "server-only";
// One change applied to many batches (the batch list's bulk actions, stop/resume campaign).
// Syllable has no bulk operation, so each batch is its own audited write; one batch refused by
// Syllable never stops the others, and the answer names each batch's outcome.
import type { BulkResult } from "@/lib/schemas/batches";
import type { Batch, BatchUpdate } from "@/lib/schemas/syllable";
import { FINAL_BATCH_STATUSES } from "@/lib/domain/syllable-values";
import { audited } from "@/lib/server/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { isApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import { getSyllable } from "@/lib/server/syllable";
import { refreshBatch } from "@/lib/server/live/batch-detail";
import { mapBounded } from "@/lib/server/batches/ttl-cache";

/** How many batch writes are in flight at once: quick for a list, gentle on Syllable. */
const CONCURRENCY = 4;

/** The sentence a person reads for one batch that failed. */
function failure(err: unknown): string {
  return isApiError(err) ? err.message : "Something went wrong on our side.";
}

/** The status that makes a batch finished (deleted counts as canceled), or null while it may still dial. */
function finishedStatus(b: Pick<Batch, "status" | "deleted_at">): string | null {
  if (b.deleted_at) return "CANCELED";
  const status = (b.status ?? "").toUpperCase();
  return FINAL_BATCH_STATUSES.has(status) ? status : null;
}

/** What a person would call the change, for "nothing to …". */
const verbOf = (u: BatchUpdate) => (u.paused === true ? "pause" : u.paused === false ? "resume" : "expire");

/** Applies `update` to each batch (finished ones are skipped, each with its reason), each audited as `action` with `detail`; results in the order given. */
export async function updateEach(
  user: SessionUser,
  batchIds: string[],
  action: string,
  update: BatchUpdate,
  detail: Record<string, unknown>,
): Promise<BulkResult[]> {
  return mapBounded(batchIds, CONCURRENCY, async (batchId): Promise<BulkResult> => {
    try {
      // A finished batch is left alone (Syllable would take `paused: true` on a FAILED batch): refused here, nothing sent.
      // (A read that fails is left to the write, which then fails and is audited as before.)
      const current = await getSyllable()
        .getBatch(batchId)
        .catch(() => null);
      const finished = current && finishedStatus(current);
      if (finished)
        return {
          batch_id: batchId,
          ok: false,
          skipped: true,
          error: `Skipped: the batch is ${finished.toLowerCase()}, so there is nothing to ${verbOf(update)}.`,
        };
      await audited(user, action, `batch:${batchId}`, { ...update, ...detail }, () => getSyllable().updateBatch(batchId, update));
    } catch (err) {
      return { batch_id: batchId, ok: false, error: failure(err) };
    }
    // Pages showing the batch get its new state at once; the write itself is already done.
    void refreshBatch(batchId, { results: false }).catch(() => undefined);
    return { batch_id: batchId, ok: true };
  });
}

/** Every batch of a campaign, from Syllable's list (paged through). */
async function campaignBatches(campaignId: number): Promise<Batch[]> {
  const out: Batch[] = [];
  for (let page = 0; page < 100; page++) {
    const list = await getSyllable().listBatches({ search: [{ field: "campaign_id", value: String(campaignId) }], limit: 100, page });
    out.push(...list.items.filter((b) => b.campaign_id === campaignId));
    if (list.items.length < 100 || (list.total_pages !== undefined && list.total_pages !== null && page + 1 >= list.total_pages)) break;
  }
  return out;
}

/** Dialing now or about to: what "stop campaign" puts on hold. */
const isRunning = (b: Batch) => ["ACTIVE", "PENDING"].includes((b.status ?? "").toUpperCase()) && b.paused !== true;

/**
 * Stop campaign: puts every running batch of the campaign on hold, one audit entry
 * ("campaign.stop", target the batch) per batch. Those entries are what resume reads back.
 */
export async function stopCampaign(user: SessionUser, campaignId: number, reason: string): Promise<BulkResult[]> {
  const running = (await campaignBatches(campaignId)).filter(isRunning).map((b) => b.batch_id);
  return updateEach(user, running, "campaign.stop", { paused: true }, { campaign_id: campaignId, reason });
}

/**
 * Resume campaign: releases exactly the holds that stop campaign made and nothing since undid:
 * for each batch, its newest successful stop/resume entry for this campaign must be a stop, and
 * the batch must still be on hold (a batch someone resumed by hand is left as it is; one a person
 * paused for their own reason before the stop was never held by it).
 */
export async function resumeCampaign(user: SessionUser, campaignId: number, reason: string): Promise<BulkResult[]> {
  const store = getStore();
  const latest = new Map<string, { action: string; id: number }>();
  for (const action of ["campaign.stop", "campaign.resume"]) {
    for (const e of await store.audit.list({ action, target: "batch:", limit: 10_000 })) {
      if (e.outcome !== "ok" || e.detail.campaign_id !== campaignId) continue;
      const batchId = e.target.slice("batch:".length);
      const seen = latest.get(batchId);
      if (!seen || seen.id < e.id) latest.set(batchId, { action, id: e.id });
    }
  }
  const held = [...latest].filter(([, last]) => last.action === "campaign.stop").map(([id]) => id);
  const current = new Map((await campaignBatches(campaignId)).map((b) => [b.batch_id, b]));
  const toRelease = held.filter((id) => current.get(id)?.paused === true);
  return updateEach(user, toRelease, "campaign.resume", { paused: false }, { campaign_id: campaignId, reason });
}

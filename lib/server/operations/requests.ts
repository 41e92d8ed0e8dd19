import "server-only";
// Adding and removing single requests of a batch: each an audited write to Syllable, answered
// with what Syllable holds afterwards (read back, never assumed from the request).
import type { AddRequest, AddRequestResponse, RemoveRequestsResponse } from "@/lib/schemas/batches";
import { audited, auditBy } from "@/lib/server/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { invalidateBatch } from "@/lib/server/batches/service";
import { presentReferenceIds } from "@/lib/server/results/service";
import { getLiveEngine } from "@/lib/server/live";
import { loadBatchDetail, refreshBatch } from "@/lib/server/live/batch-detail";
import { ApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import { quoteNames, suppressedTarget } from "@/lib/server/suppression/matching";
import { getSyllable } from "@/lib/server/syllable";

/** Adds one request, then reads it (and the batch) back. */
export async function addRequest(user: SessionUser, batchId: string, input: AddRequest): Promise<AddRequestResponse> {
  const syllable = getSyllable();
  const { campaign_id } = await loadBatchDetail(batchId);
  const suppressed = await suppressedTarget(input.target, campaign_id);
  if (suppressed) {
    const lists = quoteNames(suppressed.lists);
    await getStore().suppression.noteUploadSuppressed(batchId, 1);
    await auditBy(user, "batch.request.add", `batch:${batchId}`, { reference_id: input.reference_id, suppressed: 1, lists: suppressed.lists }, "failed");
    throw new ApiError("validation_failed", `${suppressed.number} is on the suppression list ${lists}: it is never called, so it was not added.`, {
      target: `On the suppression list ${lists}`,
    });
  }
  await audited(user, "batch.request.add", `batch:${batchId}`, { reference_id: input.reference_id }, () => syllable.addBatchRequest(batchId, input));
  const [found, batch] = await Promise.all([syllable.getBatchResults(batchId, { reference_id: input.reference_id }), refreshBatch(batchId, { results: true })]);
  return { request: found.find((r) => r.reference_id === input.reference_id) ?? null, batch };
}

/**
 * Removes requests that were not dialed yet. The outcome is decided by what existed before the
 * call and what is left after it (Syllable's answer shape varies), never by trusting the request:
 * an id that was never in the batch is `not_found`, not "removed".
 */
export async function removeRequests(user: SessionUser, batchId: string, referenceIds: string[]): Promise<RemoveRequestsResponse> {
  const ids = [...new Set(referenceIds)];
  const before = await presentReferenceIds(batchId, ids);
  const known = ids.filter((id) => before.has(id));
  const not_found = ids.filter((id) => !before.has(id));
  // Nothing to remove: no write, no audit entry, and the cached results are still true.
  if (known.length > 0) {
    await audited(user, "batch.request.remove", `batch:${batchId}`, { count: known.length, reference_ids: known.slice(0, 100) }, () =>
      getSyllable().removeBatchRequests(batchId, known),
    );
    await invalidateBatch(batchId, { results: true });
  }
  // Read again into the store: the fresh set is what the results table asks for next anyway.
  const [stillThere, batch] = await Promise.all([
    presentReferenceIds(batchId, known),
    known.length > 0 ? getLiveEngine().refresh(batchId) : loadBatchDetail(batchId),
  ]);
  return { removed: known.filter((id) => !stillThere.has(id)), not_removed: known.filter((id) => stillThere.has(id)), not_found, batch };
}

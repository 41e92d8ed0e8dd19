import { removeRequestsSchema, type RemoveRequestsResponse } from "@/lib/schemas/batches";
import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { invalidateBatch, loadAllResults } from "@/lib/server/batches/service";
import { loadBatchDetail } from "@/lib/server/live/batch-detail";
import { getLiveEngine } from "@/lib/server/live";
import { parseJsonBody } from "@/lib/server/http/body";
import { getSyllable } from "@/lib/server/syllable";

/** Reference ids present in a result set (a CANCELED row counts as removed). */
const presentIds = (rows: { reference_id: string; request_status?: string | null }[]) =>
  new Set(rows.filter((r) => r.request_status !== "CANCELED").map((r) => r.reference_id));

/**
 * Removes requests that were not dialed yet. The outcome is decided by what existed before the
 * call and what is left after it (Syllable's answer shape varies), never by trusting the request:
 * an id that was never in the batch is `not_found`, not "removed".
 */
export const POST = withRole<{ batchId: string }>("manager", async ({ req, user, params }) => {
  const { reference_ids } = await parseJsonBody(req, removeRequestsSchema);
  const ids = [...new Set(reference_ids)];
  const syllable = getSyllable();
  const before = presentIds(await loadAllResults(params.batchId));
  const known = ids.filter((id) => before.has(id));
  const not_found = ids.filter((id) => !before.has(id));
  // Nothing to remove: no write, no audit entry, and the cached results are still true.
  if (known.length > 0) {
    await audited(user, "batch.request.remove", `batch:${params.batchId}`, { count: known.length, reference_ids: known.slice(0, 100) }, () =>
      syllable.removeBatchRequests(params.batchId, known),
    );
    invalidateBatch(params.batchId, { results: true });
  }
  // Through the results cache: the fresh set is what the results table asks for next anyway.
  const [after, batch] = await Promise.all([
    loadAllResults(params.batchId),
    known.length > 0 ? getLiveEngine().refresh(params.batchId) : loadBatchDetail(params.batchId),
  ]);
  const stillThere = presentIds(after);
  const body: RemoveRequestsResponse = {
    removed: known.filter((id) => !stillThere.has(id)),
    not_removed: known.filter((id) => stillThere.has(id)),
    not_found,
    batch,
  };
  return json(body);
});

import { removeRequestsSchema, type RemoveRequestsResponse } from "@/lib/schemas/batches";
import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { invalidateBatch, loadAllResults, loadBatchDetail } from "@/lib/server/batches/service";
import { parseJsonBody } from "@/lib/server/http/body";
import { getSyllable } from "@/lib/server/syllable";

/**
 * Removes requests that were not dialed yet. What was actually removed is decided by reading the
 * results back (Syllable's answer shape varies), not by trusting the request.
 */
export const POST = withRole<{ batchId: string }>("manager", async ({ req, user, params }) => {
  const { reference_ids } = await parseJsonBody(req, removeRequestsSchema);
  const ids = [...new Set(reference_ids)];
  const syllable = getSyllable();
  await audited(user, "batch.request.remove", `batch:${params.batchId}`, { count: ids.length, reference_ids: ids.slice(0, 100) }, () =>
    syllable.removeBatchRequests(params.batchId, ids),
  );
  invalidateBatch(params.batchId);
  // Through the results cache: the fresh set is what the results table asks for next anyway.
  const [after, batch] = await Promise.all([loadAllResults(params.batchId), loadBatchDetail(params.batchId)]);
  const stillThere = new Set(after.filter((r) => r.request_status !== "CANCELED").map((r) => r.reference_id));
  const body: RemoveRequestsResponse = {
    removed: ids.filter((id) => !stillThere.has(id)),
    not_removed: ids.filter((id) => stillThere.has(id)),
    batch,
  };
  return json(body);
});

import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { invalidateBatch } from "@/lib/server/batches/service";
import { refreshBatch } from "@/lib/server/live/batch-detail";
import { getLiveEngine } from "@/lib/server/live";
import { batchDetailFor } from "@/lib/server/dal/batches";
import { notePersonsHold } from "@/lib/server/schedule/scheduler";
import { getSyllable } from "@/lib/server/syllable";

/** Fresh details + derived progress (and records a progress snapshot). */
export const GET = withRole("GET /api/batches/[batchId]", async ({ params, user }) => json(await batchDetailFor(user, params.batchId)));

/** paused / expires_on / call_rate (+ an optional reason for the audit log); answers with the batch as read back afterwards. */
export const PATCH = withRole("PATCH /api/batches/[batchId]", async ({ body, user, params }) => {
  const { reason, ...update } = body;
  const action = update.paused === true ? "batch.pause" : update.paused === false ? "batch.resume" : "batch.update";
  // The reason is the console's record, not Syllable's: it goes to the audit log only.
  const detail = reason ? { ...update, reason } : { ...update };
  await audited(user, action, `batch:${params.batchId}`, detail, () => getSyllable().updateBatch(params.batchId, update));
  // A person's pause (or resume) is theirs: the scheduler never releases a hold it did not make.
  if (update.paused !== undefined) await notePersonsHold(params.batchId);
  return json(await refreshBatch(params.batchId, { results: false }));
});

/** Deletes with a required reason (Syllable takes it form-encoded). */
export const DELETE = withRole("DELETE /api/batches/[batchId]", async ({ body: { reason }, user, params }) => {
  await audited(user, "batch.delete", `batch:${params.batchId}`, { reason }, () => getSyllable().deleteBatch(params.batchId, reason));
  await invalidateBatch(params.batchId, { results: true });
  getLiveEngine().forget(params.batchId);
  return json({ deleted: true, batch_id: params.batchId });
});

import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { idInUseAsField } from "@/lib/server/batches/service";
import { refreshBatch } from "@/lib/server/live/batch-detail";
import { listBatchesFor } from "@/lib/server/dal/batches";
import { getSyllable } from "@/lib/server/syllable";

/** The batch list, paged on Syllable's side; `page` is 1-based (see batchListQuerySchema). */
export const GET = withRole("GET /api/batches", async ({ query, user }) => json(await listBatchesFor(user, query)));

/** Creates a batch (on hold unless paused: false), then reads it back. */
export const POST = withRole("POST /api/batches", async ({ body: input, user }) => {
  await audited(user, "batch.create", `batch:${input.batch_id}`, { ...input }, () => getSyllable().createBatch(input)).catch((err: unknown) => {
    throw idInUseAsField(err, input.batch_id); // the form shows it at the id, not only as a toast
  });
  return json(await refreshBatch(input.batch_id, { results: true }), { status: 201 });
});

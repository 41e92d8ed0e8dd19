import { addRequestSchema, type AddRequestResponse } from "@/lib/schemas/batches";
import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { refreshBatch } from "@/lib/server/live/batch-detail";
import { parseJsonBody } from "@/lib/server/http/body";
import { getSyllable } from "@/lib/server/syllable";

/** Adds one request, then reads it (and the batch) back. */
export const POST = withRole<{ batchId: string }>("manager", async ({ req, user, params }) => {
  const input = await parseJsonBody(req, addRequestSchema);
  const syllable = getSyllable();
  await audited(user, "batch.request.add", `batch:${params.batchId}`, { reference_id: input.reference_id }, () =>
    syllable.addBatchRequest(params.batchId, input),
  );
  const [found, batch] = await Promise.all([
    syllable.getBatchResults(params.batchId, { reference_id: input.reference_id }),
    refreshBatch(params.batchId, { results: true }),
  ]);
  const body: AddRequestResponse = { request: found.find((r) => r.reference_id === input.reference_id) ?? null, batch };
  return json(body, { status: 201 });
});

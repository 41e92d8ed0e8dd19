import { json, withRole } from "@/lib/server/auth/with-role";
import { addRequest } from "@/lib/server/operations/requests";

/** Adds one request, then reads it (and the batch) back. */
export const POST = withRole("POST /api/batches/[batchId]/requests", async ({ body, user, params }) =>
  json(await addRequest(user, params.batchId, body), { status: 201 }),
);

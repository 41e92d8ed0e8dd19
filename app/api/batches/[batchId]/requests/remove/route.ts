import { json, withRole } from "@/lib/server/auth/with-role";
import { removeRequests } from "@/lib/server/operations/requests";

/** Removes requests not dialed yet: {removed, not_removed, not_found, batch}, decided by what Syllable holds before and after. */
export const POST = withRole("POST /api/batches/[batchId]/requests/remove", async ({ body, user, params }) =>
  json(await removeRequests(user, params.batchId, body.reference_ids)),
);

import { json, withRole } from "@/lib/server/auth/with-role";
import { batchResultsPageFor } from "@/lib/server/dal/batches";

/** One page of results, filtered and sorted across the whole set on the server (1-based page). */
export const GET = withRole("GET /api/batches/[batchId]/results", async ({ query, params, user }) =>
  json(await batchResultsPageFor(user, params.batchId, query)),
);

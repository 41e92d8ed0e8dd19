import { resultsQuerySchema } from "@/lib/schemas/batches";
import { json, withRole } from "@/lib/server/auth/with-role";
import { batchResultsPageFor } from "@/lib/server/dal/batches";
import { parseSearchParams } from "@/lib/server/errors";

/** One page of results, filtered and sorted across the whole set on the server (1-based page). */
export const GET = withRole<{ batchId: string }>("supervisor", async ({ req, params, user }) => {
  const query = parseSearchParams(req.url, resultsQuerySchema);
  return json(await batchResultsPageFor(user, params.batchId, query));
});

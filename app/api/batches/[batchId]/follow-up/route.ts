import { json, withRole } from "@/lib/server/auth/with-role";
import { createFollowUp } from "@/lib/server/operations/follow-up";

/**
 * A follow-up batch (on hold) from the source's results filter: {batch, matched, added,
 * excluded}. `?dry_run=true` only counts (what the dialog shows before anything is created).
 */
export const POST = withRole("POST /api/batches/[batchId]/follow-up", async ({ body, query, user, params }) => {
  const dryRun = query.dry_run === "true";
  return json(await createFollowUp(user, params.batchId, body, { dryRun }), { status: dryRun ? 200 : 201 });
});

import { makeFollowUpSchema } from "@/lib/schemas/batches";
import { json, withRole } from "@/lib/server/auth/with-role";
import { createFollowUp } from "@/lib/server/operations/follow-up";
import { parseJsonBody } from "@/lib/server/http/body";
import { upstreamNow } from "@/lib/server/syllable";

/**
 * A follow-up batch (on hold) from the source's results filter: {batch, matched, added,
 * excluded}. `?dry_run=true` only counts (what the dialog shows before anything is created).
 */
export const POST = withRole<{ batchId: string }>("manager", async ({ req, user, params }) => {
  const input = await parseJsonBody(req, makeFollowUpSchema(upstreamNow));
  const dryRun = new URL(req.url).searchParams.get("dry_run") === "true";
  return json(await createFollowUp(user, params.batchId, input, { dryRun }), { status: dryRun ? 200 : 201 });
});

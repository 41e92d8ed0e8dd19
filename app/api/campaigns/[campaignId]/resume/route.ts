import { campaignHoldSchema } from "@/lib/schemas/batches";
import { json, withRole } from "@/lib/server/auth/with-role";
import { resumeCampaign } from "@/lib/server/operations/bulk";
import { parseCampaignId } from "@/lib/server/campaigns/service";
import { parseJsonBody } from "@/lib/server/http/body";
import { getSyllable } from "@/lib/server/syllable";

type Params = { campaignId: string };

/** Resume campaign: releases exactly the holds stop campaign made (and nothing since undid); {results: [{batch_id, ok, error?}]}. */
export const POST = withRole<Params>("manager", async ({ req, user, params }) => {
  const id = parseCampaignId(params.campaignId);
  const { reason } = await parseJsonBody(req, campaignHoldSchema);
  await getSyllable().getCampaign(id); // an unknown campaign is a 404, not an empty success
  return json({ results: await resumeCampaign(user, id, reason) });
});

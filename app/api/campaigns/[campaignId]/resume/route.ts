import { json, withRole } from "@/lib/server/auth/with-role";
import { resumeCampaign } from "@/lib/server/operations/bulk";
import { parseCampaignId } from "@/lib/server/campaigns/service";
import { getSyllable } from "@/lib/server/syllable";

/** Resume campaign: releases exactly the holds stop campaign made (and nothing since undid); {results: [{batch_id, ok, error?}]}. */
export const POST = withRole("POST /api/campaigns/[campaignId]/resume", async ({ body: { reason }, user, params }) => {
  const id = parseCampaignId(params.campaignId);
  await getSyllable().getCampaign(id); // an unknown campaign is a 404, not an empty success
  return json({ results: await resumeCampaign(user, id, reason) });
});

import { json, withRole } from "@/lib/server/auth/with-role";
import { stopCampaign } from "@/lib/server/operations/bulk";
import { parseCampaignId } from "@/lib/server/campaigns/service";
import { getSyllable } from "@/lib/server/syllable";

/** Stop campaign: every running batch of the campaign on hold, one audit entry per batch; {results: [{batch_id, ok, error?}]}. */
export const POST = withRole("POST /api/campaigns/[campaignId]/stop", async ({ body: { reason }, user, params }) => {
  const id = parseCampaignId(params.campaignId);
  await getSyllable().getCampaign(id); // an unknown campaign is a 404, not an empty success
  return json({ results: await stopCampaign(user, id, reason) });
});

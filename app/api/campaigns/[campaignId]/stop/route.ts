import { campaignHoldSchema } from "@/lib/schemas/batches";
import { json, withRole } from "@/lib/server/auth/with-role";
import { stopCampaign } from "@/lib/server/operations/bulk";
import { parseCampaignId } from "@/lib/server/campaigns/service";
import { parseJsonBody } from "@/lib/server/http/body";
import { getSyllable } from "@/lib/server/syllable";

type Params = { campaignId: string };

/** Stop campaign: every running batch of the campaign on hold, one audit entry per batch; {results: [{batch_id, ok, error?}]}. */
export const POST = withRole<Params>("manager", async ({ req, user, params }) => {
  const id = parseCampaignId(params.campaignId);
  const { reason } = await parseJsonBody(req, campaignHoldSchema);
  await getSyllable().getCampaign(id); // an unknown campaign is a 404, not an empty success
  return json({ results: await stopCampaign(user, id, reason) });
});

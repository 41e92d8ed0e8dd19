import { json, withRole } from "@/lib/server/auth/with-role";
import { parseCampaignId } from "@/lib/server/campaigns/service";
import { campaignLists, setCampaignLists } from "@/lib/server/suppression/lists";

export const GET = withRole("GET /api/campaigns/[campaignId]/suppression-lists", async ({ params }) =>
  json({ items: await campaignLists(parseCampaignId(params.campaignId)) }),
);

/** Exactly these lists are assigned; queued requests of the campaign are checked against new ones within a minute. */
export const PUT = withRole("PUT /api/campaigns/[campaignId]/suppression-lists", async ({ body, user, params }) =>
  json({ items: await setCampaignLists(user, parseCampaignId(params.campaignId), body.list_ids) }),
);

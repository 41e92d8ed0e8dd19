import { campaignCreateSchema, campaignListQuerySchema } from "@/lib/schemas/campaigns";
import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { createCampaignFrom, listCampaignsWithCounts } from "@/lib/server/campaigns/service";
import { parseJsonBody, parseSearchParams } from "@/lib/server/errors";
import { getSyllable } from "@/lib/server/syllable";

/** GET /api/campaigns: page (1-based), limit, search (name), label, mode, order_by, order_dir. */
export const GET = withRole("supervisor", async ({ req }) => {
  const query = parseSearchParams(req.url, campaignListQuerySchema);
  return json(await listCampaignsWithCounts(getSyllable(), query));
});

/** POST /api/campaigns (admin): name, mode, caller id, source, schedule, pacing, days. */
export const POST = withRole("admin", async ({ req, user }) => {
  const body = await parseJsonBody(req, campaignCreateSchema);
  const campaign = await audited(user, "campaign.create", `campaign:new`, { campaign_name: body.campaign_name, mode: body.mode }, () =>
    createCampaignFrom(getSyllable(), body),
  );
  return json({ campaign }, { status: 201 });
});

import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { createCampaignFrom } from "@/lib/server/campaigns/service";
import { listCampaignsFor } from "@/lib/server/dal/campaigns";
import { getSyllable } from "@/lib/server/syllable";

/** GET /api/campaigns: page (1-based), limit, search (name), label, mode, order_by, order_dir. */
export const GET = withRole("GET /api/campaigns", async ({ query, user }) => json(await listCampaignsFor(user, query)));

/** POST /api/campaigns (admin): name, mode, caller id, source, schedule, pacing, days. */
export const POST = withRole("POST /api/campaigns", async ({ body, user }) => {
  const campaign = await audited(user, "campaign.create", `campaign:new`, { campaign_name: body.campaign_name, mode: body.mode }, () =>
    createCampaignFrom(getSyllable(), body),
  );
  return json({ campaign }, { status: 201 });
});

import "server-only";
// Campaign reads for pages and route handlers: each function checks the user it is given first.
import type { CampaignListQuery } from "@/lib/schemas/campaigns";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { campaignDetail, listCampaignsWithCounts } from "@/lib/server/campaigns/service";
import { getSyllable } from "@/lib/server/syllable";
import { authorize } from "./authorize";

type Viewer = SessionUser | null | undefined;

/** The campaign list with batch counts (supervisor+). */
export async function listCampaignsFor(user: Viewer, query: CampaignListQuery) {
  authorize(user, "supervisor");
  return listCampaignsWithCounts(getSyllable(), query);
}

/** One campaign with its batch counts and latest console change (supervisor+). */
export async function campaignDetailFor(user: Viewer, id: number) {
  authorize(user, "supervisor");
  return campaignDetail(getSyllable(), id);
}

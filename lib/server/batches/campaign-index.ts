import "server-only";
// Every campaign by id, for the names and pacing the batch pages show.
import type { CampaignPacing } from "@/lib/schemas/batches";
import type { Campaign } from "@/lib/schemas/syllable";
import { getSyllable } from "@/lib/server/syllable";
import { caches } from "./batch-caches";

/** Every campaign by id, cached ~10 s and fetched with one list call per 1,000 campaigns. */
export async function campaignIndex(): Promise<Map<number, Campaign>> {
  return caches().campaigns.get("all", async () => {
    const map = new Map<number, Campaign>();
    for (let page = 0; page < 10; page++) {
      const res = await getSyllable().listCampaigns({ page, limit: 1000 });
      for (const c of res.items) map.set(c.id, c);
      if (res.items.length < 1000 || (res.total_pages != null && page + 1 >= res.total_pages)) break;
    }
    return map;
  });
}

export function pacingOf(c: Campaign): CampaignPacing {
  return {
    id: c.id,
    campaign_name: c.campaign_name,
    hourly_rate: c.hourly_rate ?? null,
    max_daily_calls: c.max_daily_calls ?? null,
    daily_start_time: c.daily_start_time ?? null,
    daily_end_time: c.daily_end_time ?? null,
    active_days: c.active_days ?? null,
    mode: c.mode ?? null,
  };
}

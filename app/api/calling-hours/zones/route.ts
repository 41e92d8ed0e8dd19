import { json, withRole } from "@/lib/server/auth/with-role";
import { zoneBreakdown } from "@/lib/server/schedule/zone-breakdown";

/** Where these numbers are, by the zones that decide their calling hours (the upload preview, "Split by time zone"). */
export const POST = withRole("POST /api/calling-hours/zones", async ({ body }) => json(await zoneBreakdown(body.numbers, body.campaign_id ?? null)));

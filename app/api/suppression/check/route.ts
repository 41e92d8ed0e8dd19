import { json, withRole } from "@/lib/server/auth/with-role";
import { checkNumber } from "@/lib/server/suppression/matching";

/** Whether a number (any format) is suppressed, and by which lists. */
export const GET = withRole("GET /api/suppression/check", async ({ query }) => json(await checkNumber(query.number, query.campaign_id ?? null)));

import { json, withRole } from "@/lib/server/auth/with-role";
import { outcomeReport } from "@/lib/server/reports/outcomes";

/** Outcome metrics over a range, by day, hour, hour of the week, campaign, batch or line type. */
export const GET = withRole("GET /api/reports/outcomes", async ({ query }) => json(await outcomeReport(query)));

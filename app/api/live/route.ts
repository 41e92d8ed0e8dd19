import { json, withRole } from "@/lib/server/auth/with-role";
import { liveOverviewFor } from "@/lib/server/dal/live";

/** The operations overview: every active or paused batch (most in need of attention first), totals, alerts. */
export const GET = withRole("GET /api/live", async ({ query, user }) => json(await liveOverviewFor(user, query)));

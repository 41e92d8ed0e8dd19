import { liveQuerySchema } from "@/lib/schemas/live";
import { json, withRole } from "@/lib/server/auth/with-role";
import { liveOverviewFor } from "@/lib/server/dal/live";
import { parseSearchParams } from "@/lib/server/errors";

/** The operations overview: every active or paused batch (most in need of attention first), totals, alerts. */
export const GET = withRole("supervisor", async ({ req, user }) => json(await liveOverviewFor(user, parseSearchParams(req.url, liveQuerySchema))));

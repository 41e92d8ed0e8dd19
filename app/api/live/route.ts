import { liveQuerySchema } from "@/lib/schemas/live";
import { json, withRole } from "@/lib/server/auth/with-role";
import { parseSearchParams } from "@/lib/server/errors";
import { liveOverview } from "@/lib/server/live/overview";

/** The operations overview: every active or paused batch (most in need of attention first), totals, alerts. */
export const GET = withRole("supervisor", async ({ req }) => json(await liveOverview(parseSearchParams(req.url, liveQuerySchema))));

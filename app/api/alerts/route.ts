import { alertListQuerySchema } from "@/lib/schemas/live";
import { json, withRole } from "@/lib/server/auth/with-role";
import { alertsFor } from "@/lib/server/dal/live";
import { parseSearchParams } from "@/lib/server/errors";

/** Open and recent alerts, newest first (`?state=open|resolved|all`, `batch_id`). */
export const GET = withRole("supervisor", async ({ req, user }) => json(await alertsFor(user, parseSearchParams(req.url, alertListQuerySchema))));

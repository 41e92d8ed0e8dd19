import { json, withRole } from "@/lib/server/auth/with-role";
import { alertsFor } from "@/lib/server/dal/live";

/** Open and recent alerts, newest first (`?state=open|resolved|all`, `batch_id`). */
export const GET = withRole("GET /api/alerts", async ({ query, user }) => json(await alertsFor(user, query)));

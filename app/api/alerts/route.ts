import { alertListQuerySchema } from "@/lib/schemas/live";
import { json, withRole } from "@/lib/server/auth/with-role";
import { parseSearchParams } from "@/lib/server/errors";
import { alertView } from "@/lib/server/live/alert-view";
import { getStore } from "@/lib/server/store";

/** Open and recent alerts, newest first (`?state=open|resolved|all`, `batch_id`). */
export const GET = withRole("supervisor", async ({ req }) => {
  const q = parseSearchParams(req.url, alertListQuerySchema);
  const alerts = await getStore().alerts.list({ state: q.state === "all" ? undefined : q.state, batchId: q.batch_id, limit: q.limit });
  return json({ items: alerts.map(alertView) });
});

import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { ApiError } from "@/lib/server/errors";
import { announce } from "@/lib/server/live/alerts";
import { alertView } from "@/lib/server/live/alert-view";
import { getStore } from "@/lib/server/store";

/** Acknowledges an alert (audited): "someone is on it". The first acknowledgement stands. */
// Supervisors too: acknowledging is monitoring state (who is on it), not a write to Syllable.
export const POST = withRole<{ alertId: string }>("supervisor", async ({ user, params }) => {
  const id = /^\d{1,12}$/.test(params.alertId) ? Number(params.alertId) : NaN;
  if (!Number.isSafeInteger(id)) throw new ApiError("not_found", "That alert was not found.");
  const alerts = getStore().alerts;
  const acked = await audited(user, "alert.ack", `alert:${id}`, {}, async () => {
    const a = await alerts.ack(id, user.email, new Date().toISOString());
    if (!a) throw new ApiError("not_found", "That alert was not found.");
    return a;
  });
  announce({ change: "acknowledged", alert: acked });
  return json(alertView(acked));
});

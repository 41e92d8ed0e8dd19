import { json, withRole } from "@/lib/server/auth/with-role";
import { acknowledgeAlert } from "@/lib/server/live/acknowledge-alert";

/** Acknowledges an alert (audited): "someone is on it". The first acknowledgement stands. */
export const POST = withRole("POST /api/alerts/[alertId]/ack", async ({ user, params }) => json(await acknowledgeAlert(user, params.alertId)));

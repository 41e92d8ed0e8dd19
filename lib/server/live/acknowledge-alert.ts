import "server-only";
import type { AlertView } from "@/lib/schemas/live";
import { audited } from "@/lib/server/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { ApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import { announce } from "./alerts";
import { alertView } from "./alert-view";

const notFound = () => new ApiError("not_found", "That alert was not found.");

/** Acknowledges an alert (audited): "someone is on it". The first acknowledgement stands; every open stream hears of it. */
export async function acknowledgeAlert(user: SessionUser, alertId: string): Promise<AlertView> {
  const id = /^\d{1,12}$/.test(alertId) ? Number(alertId) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound();
  const acked = await audited(user, "alert.ack", `alert:${id}`, {}, async () => {
    const alert = await getStore().alerts.ack(id, user.email, new Date().toISOString());
    if (!alert) throw notFound();
    return alert;
  });
  announce({ change: "acknowledged", alert: acked });
  return alertView(acked);
}

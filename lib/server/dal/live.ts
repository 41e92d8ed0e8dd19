import "server-only";
import type { z } from "zod";
import type { AlertView, alertListQuerySchema, LiveQuery } from "@/lib/schemas/live";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { alertView } from "@/lib/server/live/alert-view";
import { liveOverview } from "@/lib/server/live/overview";
import { getStore } from "@/lib/server/store";
import { authorize } from "./authorize";

/** The operations overview (supervisor+). */
export async function liveOverviewFor(user: SessionUser | null | undefined, query: LiveQuery) {
  authorize(user, "supervisor");
  return liveOverview(query);
}

/** Open and recent alerts, newest first (supervisor+). */
export async function alertsFor(user: SessionUser | null | undefined, q: z.infer<typeof alertListQuerySchema>): Promise<{ items: AlertView[] }> {
  authorize(user, "supervisor");
  const alerts = await getStore().alerts.list({ state: q.state === "all" ? undefined : q.state, batchId: q.batch_id, limit: q.limit });
  return { items: alerts.map(alertView) };
}

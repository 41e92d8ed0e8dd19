import "server-only";
import type { LiveQuery } from "@/lib/schemas/live";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { liveOverview } from "@/lib/server/live/overview";
import { authorize } from "./authorize";

/** The operations overview (supervisor+). */
export async function liveOverviewFor(user: SessionUser | null | undefined, query: LiveQuery) {
  authorize(user, "supervisor");
  return liveOverview(query);
}

import "server-only";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getStore } from "@/lib/server/store";
import { authorize } from "./authorize";

/** Audit entries, newest first (admin only: they name staff and what they did). */
export async function auditEntriesFor(user: SessionUser | null | undefined, opts: { limit?: number; beforeId?: number }) {
  authorize(user, "admin");
  return getStore().audit.list(opts);
}

import "server-only";
import { hasRole, type Role } from "@/lib/schemas/roles";
import { getStore } from "@/lib/server/store";
import type { SessionUser } from "./current-user";
import { sessionIsCurrent } from "./session";

/**
 * Whether `user` may still do what `role` allows, checked again later in a long-lived answer
 * (an event stream outlives the request that opened it): the session or token still exists and
 * is current, and the user still exists with a role high enough. A logout, a revoked token, a
 * removed user or a demotion ends the stream at its next check.
 */
export async function stillSignedIn(user: SessionUser, role: Role): Promise<boolean> {
  const store = getStore();
  const now = Date.now();
  if (user.credential?.kind === "session") {
    const session = await store.sessions.find(user.credential.hash);
    if (!session || !sessionIsCurrent(session, now)) return false;
  } else if (user.credential?.kind === "token") {
    const token = await store.tokens.findByHash(user.credential.hash);
    if (!token || (token.expiresAt && Date.parse(token.expiresAt) <= now)) return false;
  }
  const current = await store.users.findById(user.id);
  return !!current && hasRole(current.role, role);
}

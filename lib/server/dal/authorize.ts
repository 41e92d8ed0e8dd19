import "server-only";
import { hasRole, ROLE_LABELS, type Role } from "@/lib/schemas/roles";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { ApiError } from "@/lib/server/errors";

/**
 * The one authorization check: nobody signed in → 401, role too low → 403. Every data-access
 * function calls it with the user it was given, so no page or handler can read around it.
 */
export function authorize(user: SessionUser | null | undefined, role: Role): SessionUser {
  if (!user) throw new ApiError("unauthorized", "Please sign in to continue.");
  if (!hasRole(user.role, role)) {
    throw new ApiError("forbidden", `This needs the ${ROLE_LABELS[role]} role or higher; you are signed in as ${ROLE_LABELS[user.role]}.`);
  }
  return user;
}

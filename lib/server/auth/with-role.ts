import "server-only";
import { hasRole, ROLE_LABELS, type Role } from "@/lib/schemas/roles";
import { ApiError, errorResponse } from "@/lib/server/errors";
import { getCurrentUser, type SessionUser } from "./current-user";

export type HandlerContext<P> = { req: Request; user: SessionUser; params: P };
type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: anonymous → 401, role too low → 403, anything thrown → the error
 * contract. Every /api handler except login and health goes through this.
 */
export function withRole<P = Record<string, never>>(
  role: Role,
  handler: (ctx: HandlerContext<P>) => Promise<Response>,
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new ApiError("unauthorized", "Please sign in to continue.");
      if (!hasRole(user.role, role)) {
        throw new ApiError("forbidden", `This needs the ${ROLE_LABELS[role]} role or higher; you are signed in as ${ROLE_LABELS[user.role]}.`);
      }
      const params = ((await ctx?.params) ?? {}) as P;
      return await handler({ req, user, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** A JSON response that is never cached: everything the console serves is live data. */
export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, headers: { "Cache-Control": "no-store", ...init?.headers } });
}

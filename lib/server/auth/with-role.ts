import "server-only";
import type { Role } from "@/lib/schemas/roles";
import { authorize } from "@/lib/server/dal/authorize";
import { ApiError, errorResponse } from "@/lib/server/errors";
import { assertSameOrigin } from "@/lib/server/http/same-origin";
import { badSegmentReason } from "@/lib/front-server/request-path";
import { bearerToken } from "./api-tokens";
import { identify, type SessionUser } from "./current-user";

export type HandlerContext<P> = { req: Request; user: SessionUser; params: P };
type RouteContext<P> = { params: Promise<P> };

function checkParams(params: Record<string, unknown>): void {
  for (const value of Object.values(params)) {
    const reason = typeof value === "string" ? badSegmentReason(value) : null;
    if (reason) throw new ApiError("bad_request", reason);
  }
}

/**
 * Wraps a route handler: a cookie-session write from another origin → 403, anonymous → 401, role too low → 403,
 * an invalid path id → 400, anything thrown → the error contract. Every /api handler except
 * login, logout and health goes through this.
 */
export function withRole<P = Record<string, never>>(
  role: Role,
  handler: (ctx: HandlerContext<P>) => Promise<Response>,
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      // A bearer token is not sent by browsers on their own (unlike a cookie), so it is not a CSRF risk.
      if (bearerToken(req.headers) === null) assertSameOrigin(req);
      const user = authorize(await identify(req.headers), role);
      const params = ((await ctx?.params) ?? {}) as P;
      checkParams(params as Record<string, unknown>);
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

import "server-only";
import type { z } from "zod";
import { authorize } from "@/lib/server/dal/authorize";
import { ApiError, errorResponse, parseSearchParams } from "@/lib/server/errors";
import { parseJsonBody } from "@/lib/server/http/body";
import { assertSameOrigin } from "@/lib/server/http/same-origin";
import { badSegmentReason } from "@/lib/front-server/request-path";
import { ROUTES, type RouteKey, type RouteSpec } from "@/lib/server/routes/registry";
import { bearerToken } from "./api-tokens";
import { identify, type SessionUser } from "./current-user";

type Spec<K extends RouteKey> = (typeof ROUTES)[K];
type PathOf<K> = K extends `${string} ${infer P}` ? P : never;
type ParamNames<P> = P extends `${string}[${infer N}]${infer Rest}` ? N | ParamNames<Rest> : never;
type QueryOf<S> = S extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;
type BodyOf<S> = S extends { bodyParsedByHandler: true } ? undefined : S extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;
type UserOf<S> = S extends { role: "anyone" } ? null : SessionUser;

/** What a handler is given: the request, who is calling, the path params, and the query and body already parsed with the route's schemas. */
export type HandlerContext<K extends RouteKey> = {
  req: Request;
  user: UserOf<Spec<K>>;
  params: { [N in ParamNames<PathOf<K>>]: string };
  query: QueryOf<Spec<K>>;
  body: BodyOf<Spec<K>>;
};
type RouteContext = { params: Promise<Record<string, unknown>> };
/** A Next route handler that knows which declared route it serves (the matrix test checks it). */
export type DeclaredHandler<K extends RouteKey = RouteKey> = ((req: Request, ctx: RouteContext) => Promise<Response>) & { route: K };

function checkParams(params: Record<string, unknown>): void {
  for (const value of Object.values(params)) {
    const reason = typeof value === "string" ? badSegmentReason(value) : null;
    if (reason) throw new ApiError("bad_request", reason);
  }
}

/** Who is calling, as the route's declared role requires: a cookie-session write from another origin → 403, anonymous → 401, role too low → 403. */
async function caller(req: Request, spec: RouteSpec): Promise<SessionUser | null> {
  // A bearer token is not sent by browsers on their own (unlike a cookie), so it is not a CSRF risk.
  if (spec.role === "anyone" || bearerToken(req.headers) === null) assertSameOrigin(req);
  return spec.role === "anyone" ? null : authorize(await identify(req.headers), spec.role);
}

async function bodyOf(req: Request, spec: RouteSpec): Promise<unknown> {
  if (!spec.body || spec.body === "multipart-csv" || spec.bodyParsedByHandler) return undefined;
  return parseJsonBody(req, spec.body, spec.maxBodyBytes ? { maxBytes: spec.maxBodyBytes } : {});
}

/**
 * Binds a handler to its declared route (lib/server/routes/registry.ts): the caller is checked
 * against the route's role, an invalid path id is a 400, the query and JSON body are parsed with
 * the route's schemas (422 with field errors), and anything thrown becomes the error contract.
 * Every /api handler is bound this way; only the not-found answer for unknown addresses is not a route.
 */
export function withRole<K extends RouteKey>(route: K, handler: (ctx: HandlerContext<K>) => Promise<Response> | Response): DeclaredHandler<K> {
  const spec: RouteSpec = ROUTES[route];
  const bound = async (req: Request, ctx: RouteContext) => {
    try {
      const user = await caller(req, spec);
      const params = (await ctx?.params) ?? {};
      checkParams(params);
      const query = spec.query ? parseSearchParams(req.url, spec.query) : undefined;
      const body = await bodyOf(req, spec);
      return await handler({ req, user, params, query, body } as HandlerContext<K>);
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(bound, { route });
}

/** A JSON response that is never cached: everything the console serves is live data. */
export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, headers: { "Cache-Control": "no-store", ...init?.headers } });
}

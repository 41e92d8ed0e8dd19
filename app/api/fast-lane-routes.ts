import "server-only";
// Which routes take the fast lane (see lib/front-server/fast-lane.ts): those the route registry
// marks `fastLane` (only reads served from memory), each matched by its declared path.
import { GET as batchDetail } from "@/app/api/batches/[batchId]/route";
import type { DeclaredHandler } from "@/lib/server/auth/with-role";
import type { FastLane } from "@/lib/front-server/fast-lane";
import { declaredRoutes } from "@/lib/server/routes/registry";

/** The handlers of the fast-lane routes (a route marked in the registry without one here fails the lane's test). */
export const FAST_LANE_HANDLERS: DeclaredHandler[] = [batchDetail];

type Lane = { method: string; pattern: RegExp; names: string[]; handler: DeclaredHandler };

/** A declared path as a matcher: each [param] one segment; an optional query string, which the handlers read from the request. */
function matcher(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/[.*+?^${}()|\\]/g, "\\$&").replace(/\\?\[(\w+)\\?\]/g, (_, name: string) => (names.push(name), "([^/?#]+)"));
  return { pattern: new RegExp(`^${source}(?:\\?.*)?$`), names };
}

const routes = declaredRoutes();
/** Paths with no parameter: /api/batches/bulk is its own route, never a batch id (Next answers it, with 405 for a GET). */
const staticPaths = new Set(routes.filter((r) => !r.path.includes("[")).map((r) => r.path));
const lanes: Lane[] = routes
  .filter((r) => r.spec.fastLane)
  .map((r) => {
    const handler = FAST_LANE_HANDLERS.find((h) => h.route === r.key);
    if (!handler) throw new Error(`The fast-lane route ${r.key} has no handler in FAST_LANE_HANDLERS.`);
    return { method: r.method, ...matcher(r.path), handler };
  });

export const fastLaneRoutes: FastLane = (method, path) => {
  for (const lane of lanes) {
    if (method !== lane.method) continue;
    const m = lane.pattern.exec(path);
    if (!m || staticPaths.has(path.split("?")[0]!)) continue;
    const params: Record<string, string> = {};
    try {
      lane.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    } catch {
      return null; // Next answers malformed addresses
    }
    return (req) => lane.handler(req, { params: Promise.resolve(params) });
  }
  return null;
};

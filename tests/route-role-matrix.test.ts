// The route × role matrix: every /api handler found in app/api, called anonymously and as each
// role, against the role it is meant for. A new route (or method) without an entry here fails.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type Role } from "@/lib/schemas/roles";
import { fillPattern, loadApiRoutes, type ApiRoute, type HttpMethod } from "@/tests/support/api-routes";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

type Access = Role | "public";
/** Who may call what (docs/architecture.md's contract). */
const MATRIX: Record<string, Partial<Record<HttpMethod, Access>>> = {
  // The not-found answer for every other /api address.
  "/api/[...path]": { GET: "public", POST: "public", PUT: "public", PATCH: "public", DELETE: "public" },
  "/api/alerts": { GET: "supervisor" },
  "/api/alerts/[alertId]/ack": { POST: "supervisor" },
  "/api/audit": { GET: "manager" },
  "/api/audit.csv": { GET: "manager" },
  "/api/auth/login": { POST: "public" },
  "/api/auth/logout": { POST: "public" },
  "/api/auth/me": { GET: "supervisor" },
  "/api/auth/password": { POST: "supervisor" },
  "/api/batches": { GET: "supervisor", POST: "manager" },
  "/api/batches/bulk": { POST: "manager" },
  "/api/batches/[batchId]": { GET: "supervisor", PATCH: "manager", DELETE: "manager" },
  "/api/batches/[batchId]/events": { GET: "supervisor" },
  "/api/batches/[batchId]/follow-up": { POST: "manager" },
  "/api/batches/[batchId]/requests": { POST: "manager" },
  "/api/batches/[batchId]/requests/remove": { POST: "manager" },
  "/api/batches/[batchId]/results": { GET: "supervisor" },
  "/api/batches/[batchId]/results.csv": { GET: "supervisor" },
  "/api/batches/[batchId]/upload": { POST: "manager" },
  "/api/campaigns": { GET: "supervisor", POST: "admin" },
  "/api/campaigns/[campaignId]": { GET: "supervisor", PATCH: "manager", DELETE: "admin" },
  "/api/campaigns/[campaignId]/stop": { POST: "manager" },
  "/api/campaigns/[campaignId]/resume": { POST: "manager" },
  "/api/health": { GET: "public" },
  "/api/health/live": { GET: "public" },
  // Not a person's route: the scraper's METRICS_TOKEN, checked in tests/metrics.test.ts.
  "/api/metrics": { GET: "public" },
  "/api/live": { GET: "supervisor" },
  "/api/live/events": { GET: "supervisor" },
  "/api/openapi.json": { GET: "public" },
  "/api/docs": { GET: "public" },
  "/api/docs/assets/[file]": { GET: "public" },
  "/api/tokens": { GET: "admin", POST: "admin" },
  "/api/users": { GET: "admin", POST: "admin" },
  "/api/users/[userId]": { PATCH: "admin", DELETE: "admin" },
  "/api/users/[userId]/unlock": { POST: "admin" },
  "/api/tokens/[tokenId]": { DELETE: "admin" },
};

// Ids that exist nowhere: a permitted call gets 404/422, never a change.
const PARAMS = { batchId: "matrix-no-such-batch", campaignId: "999999", tokenId: "no-such-token", alertId: "999999", userId: "999999" };

let h: Harness;
let routes: ApiRoute[];
beforeAll(async () => {
  h = await startHarness();
  routes = await loadApiRoutes();
});
afterAll(async () => {
  await h?.close();
});

const call = (route: ApiRoute, method: HttpMethod, role: Role | null) =>
  h.call(route.handlers[method]!, fillPattern(route.pattern, PARAMS), {
    method,
    role,
    params: PARAMS,
    ...(method === "GET" ? {} : { json: {} }),
  });

describe("route × role matrix", () => {
  it("has an entry for every route and method in app/api, and no stale ones", () => {
    const found = Object.fromEntries(routes.map((r) => [r.pattern, Object.keys(r.handlers).sort()]));
    const expected = Object.fromEntries(Object.entries(MATRIX).map(([p, m]) => [p, Object.keys(m).sort()]));
    expect(found).toEqual(expected);
  });

  it("answers 401 to nobody, 403 below the role, and lets the role and above through", async () => {
    let checked = 0;
    for (const route of routes) {
      for (const [method, access] of Object.entries(MATRIX[route.pattern] ?? {}) as [HttpMethod, Access][]) {
        if (access === "public") continue;
        const label = `${method} ${route.pattern}`;
        expect((await call(route, method, null)).status, `${label} anonymous`).toBe(401);
        for (const role of ROLES) {
          const status = (await call(route, method, role)).status;
          if (ROLES.indexOf(role) < ROLES.indexOf(access)) expect(status, `${label} as ${role}`).toBe(403);
          else expect([401, 403], `${label} as ${role} (got ${status})`).not.toContain(status);
          checked++;
        }
      }
    }
    const guarded = Object.values(MATRIX)
      .flatMap((m) => Object.values(m))
      .filter((a) => a !== "public").length;
    expect(checked).toBe(guarded * ROLES.length);
  });
});

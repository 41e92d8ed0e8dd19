// The route × role matrix: every /api handler found in app/api, called anonymously and as each
// role, against the role its declaration in the route registry names (lib/server/routes/registry.ts),
// and those roles against the contract's table in docs/architecture.md. A route (or method)
// without a declaration fails, as does a handler bound to another route's declaration.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type Role } from "@/lib/schemas/roles";
import { fillPattern, loadApiRoutes, type ApiRoute, type HttpMethod } from "@/tests/support/api-routes";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

const { ROUTES, declaredRoutes } = await import("@/lib/server/routes/registry");
type Access = Role | "anyone";
/** Who may call what: the route registry, the one place a route's role is written. */
const MATRIX: Record<string, Partial<Record<HttpMethod, Access>>> = {};
for (const r of declaredRoutes()) (MATRIX[r.path] ??= {})[r.method] = r.spec.role;
/** Not a route: the not-found answer for every /api address no route serves. */
const NOT_FOUND_ROUTE = "/api/[...path]";

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
  it("has a declaration for every route and method in app/api, and no stale ones", () => {
    const found = Object.fromEntries(routes.filter((r) => r.pattern !== NOT_FOUND_ROUTE).map((r) => [r.pattern, Object.keys(r.handlers).sort()]));
    const expected = Object.fromEntries(Object.entries(MATRIX).map(([p, m]) => [p, Object.keys(m).sort()]));
    expect(found).toEqual(expected);
  });

  it("binds every exported handler to its own declaration (withRole with its method and path)", () => {
    for (const route of routes.filter((r) => r.pattern !== NOT_FOUND_ROUTE)) {
      for (const [method, handler] of Object.entries(route.handlers)) {
        expect((handler as { route?: string }).route, `${method} ${route.pattern}`).toBe(`${method} ${route.pattern}`);
      }
    }
    expect(Object.keys(ROUTES).length).toBeGreaterThan(40);
  });

  it("answers 401 to nobody, 403 below the role, and lets the role and above through", async () => {
    let checked = 0;
    for (const route of routes) {
      for (const [method, access] of Object.entries(MATRIX[route.pattern] ?? {}) as [HttpMethod, Access][]) {
        if (access === "anyone") continue;
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
      .filter((a) => a !== "anyone").length;
    expect(checked).toBe(guarded * ROLES.length);
  });
});

/** Rows of docs/architecture.md's API table that name one path with a role per method ("GET/POST `/api/x` | supervisor+ / admin"). */
function contractRoles(): Map<string, Access> {
  const doc = readFileSync(path.resolve(process.cwd(), "../shared/docs/architecture.md"), "utf8");
  const roles = new Map<string, Access>();
  for (const [, methods, docPath, who] of doc.matchAll(/^\| ([A-Z/]+) `(\/api\/[^`]+)` \| ([^|]+) \|/gm)) {
    const ms = methods!.split("/");
    // The metrics scraper's token is checked by the handler: to the registry, anyone may ask.
    const ws = who!.includes("METRICS_TOKEN") ? ["anyone"] : who!.split(" / ").map((w) => w.trim().replace(/\+$/, ""));
    if (ws.length !== 1 && ws.length !== ms.length) continue;
    const nextPath = docPath!.replace(
      "{id}",
      `[${/campaigns/.test(docPath!) ? "campaignId" : /users/.test(docPath!) ? "userId" : /tokens/.test(docPath!) ? "tokenId" : "batchId"}]`,
    );
    ms.forEach((m, i) => roles.set(`${m} ${nextPath}`, (ws[ws.length === 1 ? 0 : i] as Access | undefined) ?? "anyone"));
  }
  return roles;
}

/** Where the console deliberately differs from the table, and which issue asked for it. */
const CONTRACT_CHANGES: Record<string, Access> = {
  // "Audit" gave managers the entries about batches and campaigns (the handler narrows them).
  "GET /api/audit": "manager",
};

describe("the registry against docs/architecture.md", () => {
  it("declares the role the contract's table gives each route it names", () => {
    const contract = contractRoles();
    expect(contract.size).toBeGreaterThan(15);
    for (const [key, role] of contract) {
      if (!(key in ROUTES)) continue; // routes of issues not built yet
      expect(ROUTES[key as keyof typeof ROUTES].role, key).toBe(CONTRACT_CHANGES[key] ?? role);
    }
  });
});

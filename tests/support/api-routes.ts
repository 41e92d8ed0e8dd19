/// <reference types="vite/client" />
// Every /api route handler module in app/api, found by walking the tree (not a hand-kept list),
// with its URL pattern ("/api/batches/[batchId]") and the HTTP methods it exports.
import type { RouteHandler } from "./route-harness";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ApiRoute = { pattern: string; params: string[]; handlers: Partial<Record<HttpMethod, RouteHandler>> };

const modules = import.meta.glob<Record<string, unknown>>("/app/api/**/route.ts");

/** Loads every route module (call after vi.mock of the current user). */
export async function loadApiRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const [file, load] of Object.entries(modules)) {
    const pattern = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "");
    const mod = await load();
    const handlers: ApiRoute["handlers"] = {};
    for (const m of HTTP_METHODS) if (typeof mod[m] === "function") handlers[m] = mod[m] as RouteHandler;
    routes.push({ pattern, params: [...pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((x) => x[1]!), handlers });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The URL path for a pattern with each [param] replaced (encoded). */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? "x"));
}

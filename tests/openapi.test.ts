// The console's own API description: valid OpenAPI 3.1, and every route in app/api documented.
// (Every answer the integration tests receive is also checked against it: tests/support/route-harness.)
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadApiRoutes } from "@/tests/support/api-routes";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
const { DOCUMENTED_OPERATIONS, openApiDocument } = await import("@/lib/server/openapi/document");
const openapiRoute = await import("@/app/api/openapi.json/route");
const docsRoute = await import("@/app/api/docs/route");
const assetRoute = await import("@/app/api/docs/assets/[file]/route");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// Routes that are not part of the API proper: the not-found answer and the docs page's files.
const UNDOCUMENTED = new Set(["/api/[...path]", "/api/docs/assets/[file]"]);

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await h.call(openapiRoute.GET, "/api/openapi.json", { role: null });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents exactly the routes and methods app/api has", async () => {
    const routes = await loadApiRoutes();
    const actual = routes
      .filter((r) => !UNDOCUMENTED.has(r.pattern))
      .flatMap((r) => Object.keys(r.handlers).map((m) => `${m} ${r.pattern.replace(/\[(\w+)\]/g, "{$1}")}`))
      .sort();
    expect([...DOCUMENTED_OPERATIONS].sort()).toEqual(actual);
  });

  it("describes requests with the handlers' own schemas (limits, enums, required fields)", () => {
    const doc = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          { parameters: Array<{ name: string; schema: { maximum?: number } }>; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
        >
      >;
    };
    const limit = doc.paths["/api/batches/{batchId}/results"]!.get!.parameters.find((p) => p.name === "limit");
    expect(limit?.schema.maximum).toBe(500);
    expect(doc.paths["/api/tokens"]!.post!.requestBody!.content["application/json"]!.schema.required).toEqual(["name"]);
  });
});

describe("GET /api/docs", () => {
  it("serves a page that renders the document with self-hosted Swagger UI, its scripts carrying the request's nonce", async () => {
    const res = await h.call(docsRoute.GET, "/api/docs", { role: null, headers: { "content-security-policy": "script-src 'nonce-abc123=' 'strict-dynamic'" } });
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain('<script nonce="abc123=" src="/api/docs/assets/swagger-ui-bundle.js">');
    expect(html).not.toMatch(/https?:\/\//); // nothing from another site
    const bundle = await h.call(assetRoute.GET, "/api/docs/assets/swagger-ui-bundle.js", { role: null, params: { file: "swagger-ui-bundle.js" } });
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const init = await (await h.call(assetRoute.GET, "/api/docs/assets/init.js", { role: null, params: { file: "init.js" } })).text();
    expect(init).toContain('url: "/api/openapi.json"');
    expect((await h.call(assetRoute.GET, "/api/docs/assets/x", { role: null, params: { file: "../../package.json" } })).status).toBe(404);
  });
});

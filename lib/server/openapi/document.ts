import "server-only";
// GET /api/openapi.json: the console's own API as OpenAPI 3.1, generated from the route registry
// (lib/server/routes/registry.ts): its roles, summaries and the zod schemas the
// handlers parse requests with (lib/schemas) and the response schemas (lib/schemas/api-responses).
// JSON Schema comes from zod 4's own toJSONSchema (draft 2020-12, OpenAPI 3.1's dialect).
import { z } from "zod";
import * as R from "@/lib/schemas/api-responses";
import { declaredRoutes, type ResponseKind, type RouteSpec } from "@/lib/server/routes/registry";

type Json = Record<string, unknown>;
/** A declared route as OpenAPI names it: lower-case method, `{param}` paths. */
type Operation = RouteSpec & { method: string; path: string };

const OPERATIONS: Operation[] = declaredRoutes()
  .filter((r) => !r.spec.undocumented)
  .map((r) => ({ ...r.spec, method: r.method.toLowerCase(), path: r.path.replace(/\[(\w+)\]/g, "{$1}") }));

const ERRORS: Record<number, string> = {
  400: "Bad request (invalid JSON, a broken path id)",
  401: "Not signed in (no session, or a bad token)",
  403: "Role too low, or a cookie-session write from another origin",
  404: "Not found",
  409: "Conflict: it changed meanwhile, already exists, or still has active batches",
  413: "Body too large",
  415: "Wrong Content-Type",
  422: "Validation failed: `error.fields` maps fields to messages",
  429: "Too many failed sign-ins (Retry-After)",
  502: "Syllable failed",
  503: "Syllable is not answering: the circuit is open for a few seconds (Retry-After)",
  504: "Syllable timed out",
};

const schemaOf = (s: z.ZodType, io: "input" | "output"): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
};

function parameters(op: Operation): Json[] {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string", maxLength: 256 } }));
  const q = op.query ? schemaOf(op.query, "input") : {};
  const required = new Set((q.required as string[] | undefined) ?? []);
  const query = Object.entries((q.properties ?? {}) as Record<string, Json>).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema,
  }));
  return [...path, ...query];
}

function requestBody(body: RouteSpec["body"]): Json | undefined {
  if (!body) return undefined;
  if (body === "multipart-csv") {
    return {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", contentEncoding: "binary", description: "CSV: reference_id, target, variables" } },
          },
        },
      },
    };
  }
  return { required: true, content: { "application/json": { schema: schemaOf(body, "input") } } };
}

function responses(op: Operation): Json {
  const out: Json = {};
  for (const [status, schema] of Object.entries<ResponseKind>(op.responses)) {
    out[status] =
      schema === "csv"
        ? { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }
        : schema === "html"
          ? { description: "HTML", content: { "text/html": { schema: { type: "string" } } } }
          : schema === "event-stream"
            ? { description: "Server-Sent Events", content: { "text/event-stream": { schema: { type: "string" } } } }
            : schema === "prometheus"
              ? { description: "Prometheus text exposition format", content: { "text/plain": { schema: { type: "string" } } } }
              : schema === "file"
                ? { description: "A file" }
                : schema === "redirect"
                  ? { description: "A redirect (see the Location header)" }
                  : { description: "OK", content: { "application/json": { schema: schemaOf(schema, "output") } } };
  }
  for (const [status, description] of Object.entries(ERRORS)) {
    out[status] ??= { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  return out;
}

let cached: Json | undefined;

/** The OpenAPI 3.1 document of the console's API (built once per process). */
export function openApiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: op.role === "anyone" ? "No sign-in needed." : `Needs the ${op.role} role or higher.`,
      ...(op.role === "anyone" ? { security: [] } : {}),
      parameters: parameters(op),
      ...(op.body ? { requestBody: requestBody(op.body) } : {}),
      responses: responses(op),
    };
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Outbound Console API",
      version: "1.0.0",
      description:
        "The browser-facing API of Outbound Console. Browsers use the session cookie (writes must come from the console's origin); scripts send `Authorization: Bearer <token>` (tokens are issued by an admin at POST /api/tokens).",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { token: [] }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "outbound_session", description: "`__Host-outbound_session` when served over HTTPS" },
        token: { type: "http", scheme: "bearer", description: "An API token (oc_…)" },
      },
      schemas: { Error: schemaOf(R.errorBodySchema, "output") },
    },
    paths,
  };
  return cached;
}

/** Method + OpenAPI path of every documented operation (the tests check these against app/api). */
export const DOCUMENTED_OPERATIONS = OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`);

import "server-only";
// GET /api/openapi.json: the console's own API as OpenAPI 3.1, generated from the zod schemas the
// handlers parse requests with (lib/schemas) and the response schemas (lib/schemas/api-responses).
// JSON Schema comes from zod 4's own toJSONSchema (draft 2020-12, OpenAPI 3.1's dialect).
import { z } from "zod";
import * as R from "@/lib/schemas/api-responses";
import { auditFilterSchema, auditQuerySchema } from "@/lib/schemas/audit";
import { loginSchema, passwordChangeSchema } from "@/lib/schemas/auth";
import {
  addRequestSchema,
  batchDeleteSchema,
  campaignHoldSchema,
  makeBatchBulkSchema,
  makeFollowUpSchema,
  batchListQuerySchema,
  makeBatchCreateSchema,
  makeBatchUpdateSchema,
  removeRequestsSchema,
  resultsQuerySchema,
} from "@/lib/schemas/batches";
import { campaignCreateSchema, campaignDeleteBodySchema, campaignListQuerySchema, campaignPatchSchema } from "@/lib/schemas/campaigns";
import type { Role } from "@/lib/schemas/roles";
import { tokenCreateSchema } from "@/lib/schemas/tokens";
import { userCreateSchema, userRemoveSchema, userUpdateSchema } from "@/lib/schemas/users";
import { alertListQuerySchema, liveQuerySchema } from "@/lib/schemas/live";

type Json = Record<string, unknown>;
type Body = z.ZodType | "multipart-csv";
type Operation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  /** Who may call it; "anyone" needs no session. */
  role: Role | "anyone";
  query?: z.ZodObject;
  body?: Body;
  /** Success answers by status; errors are added for every operation. */
  responses: Record<number, z.ZodType | "csv" | "html" | "event-stream" | "prometheus">;
};

const OPERATIONS: Operation[] = [
  { method: "post", path: "/api/auth/login", summary: "Sign in (sets the session cookie)", role: "anyone", body: loginSchema, responses: { 200: R.meSchema } },
  { method: "post", path: "/api/auth/logout", summary: "Sign out (ends the session)", role: "anyone", responses: { 200: z.object({ ok: z.literal(true) }) } },
  { method: "get", path: "/api/auth/me", summary: "Who is signed in", role: "supervisor", responses: { 200: R.meSchema } },
  {
    method: "post",
    path: "/api/auth/password",
    summary: "Change your own password (the current one required; not a common password); your other sessions end",
    role: "supervisor",
    body: passwordChangeSchema,
    responses: { 200: z.object({ changed: z.literal(true) }) },
  },
  {
    method: "get",
    path: "/api/health",
    summary: "Readiness: the store and Syllable reported apart; 503 when the store is not usable (Syllable failing is `degraded`, still 200)",
    role: "anyone",
    responses: { 200: R.healthSchema, 503: R.healthSchema },
  },
  {
    method: "get",
    path: "/api/health/live",
    summary: "Liveness: the process answers",
    role: "anyone",
    responses: { 200: z.object({ status: z.literal("ok") }) },
  },
  {
    method: "get",
    path: "/api/metrics",
    summary: "Prometheus metrics; `Authorization: Bearer <METRICS_TOKEN>` (404 when no METRICS_TOKEN is configured, 401 without the right one)",
    role: "anyone",
    responses: { 200: "prometheus" },
  },
  {
    method: "get",
    path: "/api/batches",
    summary: "List batches (1-based page)",
    role: "supervisor",
    query: batchListQuerySchema,
    responses: { 200: R.pagedSchema(R.batchListItemSchema).extend({ upstream_now: z.iso.datetime({ offset: true }).describe("now on Syllable's clock") }) },
  },
  {
    method: "post",
    path: "/api/batches",
    summary: "Create a batch (on hold unless paused: false)",
    role: "manager",
    body: makeBatchCreateSchema(),
    responses: { 201: R.batchDetailResponseSchema },
  },
  {
    method: "post",
    path: "/api/batches/bulk",
    summary: "Pause, resume or set the expiry of many batches; each batch its own audited write, partial failures named",
    role: "manager",
    body: makeBatchBulkSchema(),
    responses: { 200: R.bulkResponseSchema },
  },
  {
    method: "get",
    path: "/api/batches/{batchId}",
    summary: "A batch with derived progress",
    role: "supervisor",
    responses: { 200: R.batchDetailResponseSchema },
  },
  {
    method: "get",
    path: "/api/batches/{batchId}/events",
    summary: "Server-Sent Events of one batch: `batch` (same JSON as GET /api/batches/{batchId}), `gone`, `signed-out`; resumes with Last-Event-ID",
    role: "supervisor",
    responses: { 200: "event-stream" },
  },
  {
    method: "patch",
    path: "/api/batches/{batchId}",
    summary: "Pause/resume, expiry, call rate, auto pacing",
    role: "manager",
    body: makeBatchUpdateSchema(),
    responses: { 200: R.batchDetailResponseSchema },
  },
  {
    method: "delete",
    path: "/api/batches/{batchId}",
    summary: "Delete a batch (reason required)",
    role: "manager",
    body: batchDeleteSchema,
    responses: { 200: z.object({ deleted: z.literal(true), batch_id: z.string() }) },
  },
  {
    method: "post",
    path: "/api/batches/{batchId}/upload",
    summary: "Upload a CSV of contacts (multipart field `file`)",
    role: "manager",
    body: "multipart-csv",
    responses: { 200: R.uploadResponseSchema },
  },
  {
    method: "get",
    path: "/api/batches/{batchId}/results",
    summary: "One page of results, filtered and sorted on the server",
    role: "supervisor",
    query: resultsQuerySchema,
    responses: { 200: R.resultsPageSchema },
  },
  {
    method: "get",
    path: "/api/batches/{batchId}/results.csv",
    summary: "The filtered results as CSV",
    role: "supervisor",
    query: resultsQuerySchema.omit({ page: true, limit: true }),
    responses: { 200: "csv" },
  },
  {
    method: "post",
    path: "/api/batches/{batchId}/requests",
    summary: "Add one request",
    role: "manager",
    body: addRequestSchema,
    responses: { 201: R.addRequestResponseSchema },
  },
  {
    method: "post",
    path: "/api/batches/{batchId}/follow-up",
    summary:
      "A follow-up batch, on hold, from the source's results filter (status, channel outcomes, insights, text): the matching contacts less DUPLICATE, INVALID, those COMPLETED elsewhere in the source and repeated targets, with their variables. ?dry_run=true counts only",
    role: "manager",
    query: z.object({ dry_run: z.enum(["true", "false"]).optional().describe("true: count only, create nothing") }),
    body: makeFollowUpSchema(),
    responses: { 200: R.followUpResponseSchema, 201: R.followUpResponseSchema },
  },
  {
    method: "post",
    path: "/api/batches/{batchId}/requests/remove",
    summary: "Remove requests not dialed yet",
    role: "manager",
    body: removeRequestsSchema,
    responses: { 200: R.removeRequestsResponseSchema },
  },
  {
    method: "get",
    path: "/api/campaigns",
    summary: "List campaigns with batch counts",
    role: "supervisor",
    query: campaignListQuerySchema,
    responses: { 200: R.campaignListResponseSchema },
  },
  {
    method: "post",
    path: "/api/campaigns",
    summary: "Create a campaign",
    role: "admin",
    body: campaignCreateSchema,
    responses: { 201: z.object({ campaign: R.campaignDetailResponseSchema.shape.campaign }) },
  },
  {
    method: "get",
    path: "/api/campaigns/{campaignId}",
    summary: "A campaign with its batch counts",
    role: "supervisor",
    responses: { 200: R.campaignDetailResponseSchema },
  },
  {
    method: "patch",
    path: "/api/campaigns/{campaignId}",
    summary: "Change fields safely (expected_updated_at; 409 with the current campaign when it changed meanwhile)",
    role: "manager",
    body: campaignPatchSchema,
    responses: { 200: R.campaignUpdateResponseSchema, 409: R.campaignConflictSchema },
  },
  {
    method: "delete",
    path: "/api/campaigns/{campaignId}",
    summary: "Delete a campaign (409 while it has active batches unless confirmed)",
    role: "admin",
    query: z.object({ force: z.enum(["true", "false"]).optional() }),
    body: campaignDeleteBodySchema,
    responses: { 200: z.looseObject({ deleted: z.literal(true), id: z.number().int(), active_batches: z.number().int() }) },
  },
  {
    method: "post",
    path: "/api/campaigns/{campaignId}/stop",
    summary: "Stop campaign: every running batch of the campaign on hold (reason required; one audit entry per batch)",
    role: "manager",
    body: campaignHoldSchema,
    responses: { 200: R.bulkResponseSchema },
  },
  {
    method: "post",
    path: "/api/campaigns/{campaignId}/resume",
    summary: "Resume campaign: releases exactly the holds stop campaign made",
    role: "manager",
    body: campaignHoldSchema,
    responses: { 200: R.bulkResponseSchema },
  },
  {
    method: "get",
    path: "/api/live",
    summary: "The operations overview: active and paused batches, most in need of attention first; totals",
    role: "supervisor",
    query: liveQuerySchema,
    responses: { 200: R.liveOverviewSchema },
  },
  {
    method: "get",
    path: "/api/live/events",
    summary: "Server-Sent Events of the overview: `batch` (a row as in GET /api/live), `gone`, `alert`, `tick` ({at}, every 5 s), `signed-out`",
    role: "supervisor",
    query: liveQuerySchema,
    responses: { 200: "event-stream" },
  },
  {
    method: "get",
    path: "/api/alerts",
    summary: "Alerts, newest first (open by default)",
    role: "supervisor",
    query: alertListQuerySchema,
    responses: { 200: R.alertListSchema },
  },
  { method: "post", path: "/api/alerts/{alertId}/ack", summary: "Acknowledge an alert (audited)", role: "supervisor", responses: { 200: R.alertSchema } },
  {
    method: "get",
    path: "/api/audit",
    summary:
      "Audit entries, newest first, filtered by actor (a part of the email), action (or a prefix such as batch.), target (or a prefix such as batch:) and time; managers read the entries about batches and campaigns only",
    role: "manager",
    query: auditQuerySchema,
    responses: { 200: R.auditPageSchema },
  },
  {
    method: "get",
    path: "/api/audit.csv",
    summary: "The filtered audit log as CSV (the newest 50,000 entries at most; managers: batches and campaigns only)",
    role: "manager",
    query: auditFilterSchema,
    responses: { 200: "csv" },
  },
  { method: "get", path: "/api/users", summary: "The console's users, with role and last sign-in", role: "admin", responses: { 200: R.userListSchema } },
  {
    method: "post",
    path: "/api/users",
    summary: "Add a user (without a password, one is generated and answered once)",
    role: "admin",
    body: userCreateSchema,
    responses: { 201: R.userChangeSchema },
  },
  {
    method: "patch",
    path: "/api/users/{userId}",
    summary: "Change a user's role or password (reset_password: a generated one, answered once); ends their sessions; never demotes the last admin",
    role: "admin",
    body: userUpdateSchema,
    responses: { 200: R.userChangeSchema },
  },
  {
    method: "delete",
    path: "/api/users/{userId}",
    summary: "Remove a user with their sessions and tokens (reason required); never the last admin",
    role: "admin",
    body: userRemoveSchema,
    responses: { 200: z.object({ removed: z.literal(true), id: z.number().int() }) },
  },
  {
    method: "post",
    path: "/api/users/{userId}/unlock",
    summary: "Clear the sign-in backoff counted against a user's account, from every address (audited)",
    role: "admin",
    responses: { 200: z.object({ unlocked: z.literal(true), id: z.number().int() }) },
  },
  { method: "get", path: "/api/tokens", summary: "API tokens (never the token itself)", role: "admin", responses: { 200: R.tokenListSchema } },
  {
    method: "post",
    path: "/api/tokens",
    summary: "Issue an API token for a user (shown once)",
    role: "admin",
    body: tokenCreateSchema,
    responses: { 201: R.tokenCreatedSchema },
  },
  {
    method: "delete",
    path: "/api/tokens/{tokenId}",
    summary: "Revoke an API token",
    role: "admin",
    responses: { 200: z.object({ revoked: z.literal(true), id: z.string() }) },
  },
  { method: "get", path: "/api/openapi.json", summary: "This document", role: "anyone", responses: { 200: z.looseObject({ openapi: z.string() }) } },
  { method: "get", path: "/api/docs", summary: "This document, rendered for people", role: "anyone", responses: { 200: "html" } },
];

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

function requestBody(body: Body | undefined): Json | undefined {
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
  for (const [status, schema] of Object.entries(op.responses)) {
    out[status] =
      schema === "csv"
        ? { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }
        : schema === "html"
          ? { description: "HTML", content: { "text/html": { schema: { type: "string" } } } }
          : schema === "event-stream"
            ? { description: "Server-Sent Events", content: { "text/event-stream": { schema: { type: "string" } } } }
            : schema === "prometheus"
              ? { description: "Prometheus text exposition format", content: { "text/plain": { schema: { type: "string" } } } }
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

import "server-only";
// Every /api route, declared once: who may call it, what it takes and what it answers. withRole
// (lib/server/auth/with-role.ts) enforces the role and parses the query and body with these
// schemas, the front server's fast lane (app/api/fast-lane-routes.ts) serves the routes marked
// `fastLane`, GET /api/openapi.json is generated from here, and tests/route-role-matrix.test.ts
// checks every handler in app/api against its entry (and the roles against docs/architecture.md).
import { z } from "zod";
import * as R from "@/lib/schemas/api-responses";
import { auditFilterSchema, auditQuerySchema } from "@/lib/schemas/audit";
import { loginSchema, passwordChangeSchema } from "@/lib/schemas/auth";
import {
  addRequestSchema,
  batchDeleteSchema,
  batchListQuerySchema,
  campaignHoldSchema,
  makeBatchBulkSchema,
  makeBatchCreateSchema,
  makeBatchUpdateSchema,
  makeFollowUpSchema,
  removeRequestsSchema,
  resultsQuerySchema,
} from "@/lib/schemas/batches";
import { campaignCreateSchema, campaignDeleteBodySchema, campaignListQuerySchema, campaignPatchSchema } from "@/lib/schemas/campaigns";
import { alertListQuerySchema, liveQuerySchema } from "@/lib/schemas/live";
import type { Role } from "@/lib/schemas/roles";
import * as S from "@/lib/schemas/suppression";
import * as RP from "@/lib/schemas/reports";
import * as SC from "@/lib/schemas/schedule";
import { tokenCreateSchema } from "@/lib/schemas/tokens";
import { userCreateSchema, userRemoveSchema, userUpdateSchema } from "@/lib/schemas/users";
import { upstreamNow } from "@/lib/server/syllable/upstream-clock";

export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Who may call a route: a role (or higher), or anyone, signed in or not. */
export type Access = Role | "anyone";
export type ResponseKind = z.ZodType | "csv" | "html" | "event-stream" | "prometheus" | "file" | "redirect";

export type RouteSpec = {
  summary: string;
  role: Access;
  /** Parsed from the query string before the handler runs (422 with field errors). */
  query?: z.ZodObject;
  /** A JSON body parsed before the handler runs, or a multipart CSV the handler streams itself. */
  body?: z.ZodType | "multipart-csv";
  /** The handler parses the JSON body itself (the schema is still documented); each says why. */
  bodyParsedByHandler?: true;
  maxBodyBytes?: number;
  /** Success answers by status; the error answers are the same for every route. */
  responses: Record<number, ResponseKind>;
  /** Served by the front server before Next's router (a read from memory; see lib/front-server/fast-lane.ts). */
  fastLane?: true;
  /** Not part of the API proper (the docs page's own files): left out of the OpenAPI document. */
  undocumented?: true;
};

/** Method and path as Next names it: "GET /api/batches/[batchId]". */
export type RouteKeyShape = `${RouteMethod} /api${string}`;

const okTrue = <K extends string>(key: K) => z.object({ [key]: z.literal(true) } as Record<K, z.ZodLiteral<true>>);

export const ROUTES = {
  "POST /api/auth/login": {
    summary: "Sign in (sets the session cookie)",
    role: "anyone",
    body: loginSchema,
    // A sign-in body is an email and a password: anything near this size is not one.
    maxBodyBytes: 16 * 1024,
    responses: { 200: R.meSchema },
  },
  "POST /api/auth/logout": {
    summary: "Sign out (ends the session); after a single sign-on, end_session_url ends the provider's session too",
    role: "anyone",
    responses: { 200: z.object({ ok: z.literal(true), end_session_url: z.string().optional() }) },
  },
  "GET /api/auth/oidc/login": {
    summary: "Single sign-on: on to the identity provider (authorization code with PKCE, state and nonce)",
    role: "anyone",
    query: z.object({ next: z.string().max(2048).optional().describe("where to land after signing in (a path of this console)") }),
    responses: { 303: "redirect" },
  },
  "GET /api/auth/oidc/callback": {
    summary: "Single sign-on: the provider's answer; signed in with the role the person's groups map to (OIDC_ROLE_MAP), or back to /login with why not",
    role: "anyone",
    responses: { 303: "redirect" },
  },
  "GET /api/auth/me": { summary: "Who is signed in", role: "supervisor", responses: { 200: R.meSchema } },
  "POST /api/auth/password": {
    summary: "Change your own password (the current one required; not a common password); your other sessions end",
    role: "supervisor",
    body: passwordChangeSchema,
    responses: { 200: okTrue("changed") },
  },
  "GET /api/health": {
    summary: "Readiness: the store and Syllable reported apart; 503 when the store is not usable (Syllable failing is `degraded`, still 200)",
    role: "anyone",
    responses: { 200: R.healthSchema, 503: R.healthSchema },
  },
  "GET /api/health/live": { summary: "Liveness: the process answers", role: "anyone", responses: { 200: z.object({ status: z.literal("ok") }) } },
  "GET /api/metrics": {
    summary: "Prometheus metrics; `Authorization: Bearer <METRICS_TOKEN>` (404 when no METRICS_TOKEN is configured, 401 without the right one)",
    // Not a person's route: the scraper's METRICS_TOKEN, checked in the handler (tests/metrics.test.ts).
    role: "anyone",
    responses: { 200: "prometheus" },
  },
  "GET /api/batches": {
    summary: "List batches (1-based page)",
    role: "supervisor",
    query: batchListQuerySchema,
    responses: { 200: R.pagedSchema(R.batchListItemSchema).extend({ upstream_now: z.iso.datetime({ offset: true }).describe("now on Syllable's clock") }) },
  },
  "POST /api/batches": {
    summary: "Create a batch (on hold unless paused: false)",
    role: "manager",
    body: makeBatchCreateSchema(upstreamNow),
    responses: { 201: R.batchDetailResponseSchema },
  },
  "POST /api/batches/bulk": {
    summary: "Pause, resume or set the expiry of many batches; each batch its own audited write, partial failures named",
    role: "manager",
    body: makeBatchBulkSchema(upstreamNow),
    responses: { 200: R.bulkResponseSchema },
  },
  "GET /api/batches/[batchId]": {
    summary: "A batch with derived progress",
    role: "supervisor",
    responses: { 200: R.batchDetailResponseSchema },
    fastLane: true,
  },
  "PATCH /api/batches/[batchId]": {
    summary: "Pause/resume, expiry, call rate, auto pacing",
    role: "manager",
    body: makeBatchUpdateSchema(upstreamNow),
    responses: { 200: R.batchDetailResponseSchema },
  },
  "DELETE /api/batches/[batchId]": {
    summary: "Delete a batch (reason required)",
    role: "manager",
    body: batchDeleteSchema,
    responses: { 200: z.object({ deleted: z.literal(true), batch_id: z.string() }) },
  },
  "GET /api/batches/[batchId]/events": {
    summary: "Server-Sent Events of one batch: `batch` (same JSON as GET /api/batches/{batchId}), `gone`, `signed-out`; resumes with Last-Event-ID",
    role: "supervisor",
    responses: { 200: "event-stream" },
  },
  "POST /api/batches/[batchId]/upload": {
    summary:
      'Upload a CSV of contacts (multipart field `file`); an optional `mapping` field (JSON: {"target": "<column>", "reference_id": "<column>", "variables": {"<name>": "<column>"}}) names the file\'s own columns, and numbers are written as E.164 for DEFAULT_COUNTRY',
    role: "manager",
    body: "multipart-csv",
    responses: { 200: R.uploadResponseSchema },
  },
  "GET /api/batches/[batchId]/results": {
    summary: "One page of results, filtered and sorted on the server",
    role: "supervisor",
    query: resultsQuerySchema,
    responses: { 200: R.resultsPageSchema },
  },
  "GET /api/batches/[batchId]/results.csv": {
    summary: "The filtered results as CSV",
    role: "supervisor",
    query: resultsQuerySchema.omit({ page: true, limit: true }),
    responses: { 200: "csv" },
  },
  "POST /api/batches/[batchId]/requests": {
    summary: "Add one request",
    role: "manager",
    body: addRequestSchema,
    responses: { 201: R.addRequestResponseSchema },
  },
  "POST /api/batches/[batchId]/requests/remove": {
    summary: "Remove requests not dialed yet",
    role: "manager",
    body: removeRequestsSchema,
    responses: { 200: R.removeRequestsResponseSchema },
  },
  "POST /api/batches/[batchId]/follow-up": {
    summary:
      "A follow-up batch, on hold, from the source's results filter (status, channel outcomes, insights, text): the matching contacts less DUPLICATE, INVALID, those COMPLETED elsewhere in the source and repeated targets, with their variables. ?dry_run=true counts only",
    role: "manager",
    query: z.object({ dry_run: z.enum(["true", "false"]).optional().describe("true: count only, create nothing") }),
    body: makeFollowUpSchema(upstreamNow),
    responses: { 200: R.followUpResponseSchema, 201: R.followUpResponseSchema },
  },
  "GET /api/campaigns": {
    summary: "List campaigns with batch counts",
    role: "supervisor",
    query: campaignListQuerySchema,
    responses: { 200: R.campaignListResponseSchema },
  },
  "POST /api/campaigns": {
    summary: "Create a campaign",
    role: "admin",
    body: campaignCreateSchema,
    responses: { 201: z.object({ campaign: R.campaignDetailResponseSchema.shape.campaign }) },
  },
  "GET /api/campaigns/[campaignId]": { summary: "A campaign with its batch counts", role: "supervisor", responses: { 200: R.campaignDetailResponseSchema } },
  "PATCH /api/campaigns/[campaignId]": {
    summary: "Change fields safely (expected_updated_at; 409 with the current campaign when it changed meanwhile)",
    role: "manager",
    body: campaignPatchSchema,
    // Admin-only fields are refused before validation, so a manager learns nothing about them.
    bodyParsedByHandler: true,
    responses: { 200: R.campaignUpdateResponseSchema, 409: R.campaignConflictSchema },
  },
  "DELETE /api/campaigns/[campaignId]": {
    summary: "Delete a campaign (409 while it has active batches unless confirmed)",
    role: "admin",
    query: z.object({ force: z.enum(["true", "false"]).optional() }),
    body: campaignDeleteBodySchema,
    // The body may be absent (confirmation by ?force=true), and a missing reason gets its own sentence.
    bodyParsedByHandler: true,
    responses: { 200: z.looseObject({ deleted: z.literal(true), id: z.number().int(), active_batches: z.number().int() }) },
  },
  "POST /api/campaigns/[campaignId]/stop": {
    summary: "Stop campaign: every running batch of the campaign on hold (reason required; one audit entry per batch)",
    role: "manager",
    body: campaignHoldSchema,
    responses: { 200: R.bulkResponseSchema },
  },
  "POST /api/campaigns/[campaignId]/resume": {
    summary: "Resume campaign: releases exactly the holds stop campaign made",
    role: "manager",
    body: campaignHoldSchema,
    responses: { 200: R.bulkResponseSchema },
  },
  "GET /api/live": {
    summary: "The operations overview: active and paused batches, most in need of attention first; totals",
    role: "supervisor",
    query: liveQuerySchema,
    responses: { 200: R.liveOverviewSchema },
  },
  "GET /api/live/events": {
    summary: "Server-Sent Events of the overview: `batch` (a row as in GET /api/live), `gone`, `alert`, `tick` ({at}, every 5 s), `signed-out`",
    role: "supervisor",
    query: liveQuerySchema,
    responses: { 200: "event-stream" },
  },
  "GET /api/alerts": {
    summary: "Alerts, newest first (open by default)",
    role: "supervisor",
    query: alertListQuerySchema,
    responses: { 200: R.alertListSchema },
  },
  // Supervisors too (since "every signal on screen true"): acknowledging is monitoring state, not a write to Syllable.
  "POST /api/alerts/[alertId]/ack": { summary: "Acknowledge an alert (audited)", role: "supervisor", responses: { 200: R.alertSchema } },
  "GET /api/audit": {
    summary:
      "Audit entries, newest first, filtered by actor (a part of the email), action (or a prefix such as batch.), target (or a prefix such as batch:) and time; managers read the entries about batches and campaigns only",
    role: "manager",
    query: auditQuerySchema,
    responses: { 200: R.auditPageSchema },
  },
  "GET /api/audit.csv": {
    summary: "The filtered audit log as CSV (the newest 50,000 entries at most; managers: batches and campaigns only)",
    role: "manager",
    query: auditFilterSchema,
    responses: { 200: "csv" },
  },
  "GET /api/users": { summary: "The console's users, with role and last sign-in", role: "admin", responses: { 200: R.userListSchema } },
  "POST /api/users": {
    summary: "Add a user (without a password, one is generated and answered once)",
    role: "admin",
    body: userCreateSchema,
    responses: { 201: R.userChangeSchema },
  },
  "PATCH /api/users/[userId]": {
    summary: "Change a user's role or password (reset_password: a generated one, answered once); ends their sessions; never demotes the last admin",
    role: "admin",
    body: userUpdateSchema,
    responses: { 200: R.userChangeSchema },
  },
  "DELETE /api/users/[userId]": {
    summary: "Remove a user with their sessions and tokens (reason required); never the last admin",
    role: "admin",
    body: userRemoveSchema,
    responses: { 200: z.object({ removed: z.literal(true), id: z.number().int() }) },
  },
  "POST /api/users/[userId]/unlock": {
    summary: "Clear the sign-in backoff counted against a user's account, from every address (audited)",
    role: "admin",
    responses: { 200: z.object({ unlocked: z.literal(true), id: z.number().int() }) },
  },
  "GET /api/tokens": {
    summary: "API tokens (never the token itself): admins see everyone's, others their own",
    role: "supervisor",
    responses: { 200: R.tokenListSchema },
  },
  "POST /api/tokens": {
    summary: "Issue an API token (shown once): for yourself, or (admins) for a user named by email; its role at most yours and its user's",
    role: "supervisor",
    body: tokenCreateSchema,
    responses: { 201: R.tokenCreatedSchema },
  },
  "DELETE /api/tokens/[tokenId]": {
    summary: "Revoke an API token (your own; admins any)",
    role: "supervisor",
    responses: { 200: z.object({ revoked: z.literal(true), id: z.string() }) },
  },
  "GET /api/suppression-lists": {
    summary: "Suppression (do-not-call) lists, with their campaigns and number counts",
    role: "supervisor",
    responses: { 200: z.object({ items: z.array(S.suppressionListSchema) }) },
  },
  "POST /api/suppression-lists": {
    summary: "Create a suppression list, for every campaign (applies_to: all) or for those assigned",
    role: "manager",
    body: S.suppressionListCreateSchema,
    responses: { 201: S.suppressionListSchema },
  },
  "GET /api/suppression-lists/[listId]": { summary: "A suppression list", role: "supervisor", responses: { 200: S.suppressionListSchema } },
  "PATCH /api/suppression-lists/[listId]": {
    summary: "Rename, describe, or change whom a list applies to",
    role: "manager",
    body: S.suppressionListPatchSchema,
    responses: { 200: S.suppressionListSchema },
  },
  "DELETE /api/suppression-lists/[listId]": {
    summary: "Delete a list with its numbers (reason required)",
    role: "admin",
    body: S.suppressionRemovalSchema,
    responses: { 200: z.object({ deleted: z.literal(true), id: z.number().int(), numbers: z.number().int() }) },
  },
  "GET /api/suppression-lists/[listId]/numbers": {
    summary: "A list's numbers in E.164 order, searched by number or reason (1-based page)",
    role: "supervisor",
    query: S.suppressionNumbersQuerySchema,
    responses: { 200: R.pagedSchema(S.suppressionEntrySchema) },
  },
  "POST /api/suppression-lists/[listId]/numbers": {
    summary:
      "Add numbers (any format; read as E.164 with DEFAULT_COUNTRY), or the targets of a results selection (from_results: an opt-out); answers what was added, updated and refused per input. Queued requests with these numbers are removed within a minute",
    role: "manager",
    body: S.suppressionAddSchema,
    responses: { 200: S.suppressionReportSchema },
  },
  "POST /api/suppression-lists/[listId]/import": {
    summary:
      "Import numbers from a CSV (multipart field `file`, or a text/csv body); phone_column and expiry_column name the columns (query or form fields); answers the per-row report",
    role: "manager",
    query: S.suppressionImportQuerySchema,
    body: "multipart-csv",
    responses: { 200: S.suppressionReportSchema.extend({ rows: z.number().int() }) },
  },
  "GET /api/suppression-lists/[listId]/numbers.csv": { summary: "A list's numbers as CSV", role: "supervisor", responses: { 200: "csv" } },
  "DELETE /api/suppression-lists/[listId]/numbers/[number]": {
    summary: "Take a number off a list (reason required)",
    role: "admin",
    body: S.suppressionRemovalSchema,
    responses: { 200: z.object({ removed: z.literal(true), number: z.string() }) },
  },
  "GET /api/campaigns/[campaignId]/suppression-lists": {
    summary: "The suppression lists that apply to a campaign (assigned, or for every campaign)",
    role: "supervisor",
    responses: { 200: z.object({ items: z.array(S.suppressionListSchema) }) },
  },
  "PUT /api/campaigns/[campaignId]/suppression-lists": {
    summary: "Assign exactly these lists to a campaign; its queued requests are checked against them within a minute",
    role: "manager",
    body: S.campaignListsSchema,
    responses: { 200: z.object({ items: z.array(S.suppressionListSchema) }) },
  },
  "GET /api/suppression/check": {
    summary: "Whether a number is suppressed (on any list, or on the lists of campaign_id), and by which lists",
    role: "supervisor",
    query: S.suppressionCheckQuerySchema,
    responses: { 200: S.suppressionCheckSchema },
  },
  "POST /api/suppression/check": {
    summary: "Which of these numbers (up to 10,000) are suppressed, on any list or on the lists of campaign_id: the upload preview",
    role: "supervisor",
    body: S.suppressionCheckManySchema,
    responses: { 200: S.suppressionCheckManyResultSchema },
  },
  "GET /api/batches/[batchId]/schedule": {
    summary:
      "A batch's schedule (start, pause, weekly windows in a zone, calling hours on or off), whether it is held or released now and why, the next transitions, held/released bands for 7 days, and its pending recipients by place",
    role: "supervisor",
    responses: { 200: SC.scheduleViewSchema },
  },
  "PUT /api/batches/[batchId]/schedule": {
    summary:
      "Set a batch's schedule (absent fields cleared); a batch whose start is ahead is held until then. local_hours: false turns the recipients' calling hours off for it (reason required)",
    role: "manager",
    body: SC.schedulePutSchema,
    responses: { 200: SC.scheduleViewSchema },
  },
  "GET /api/calling-hours": {
    summary: "The recipients' calling-hours policy: default hours, rules by US state or time zone, holidays, the zone of unknown numbers",
    role: "supervisor",
    responses: { 200: SC.callingHoursViewSchema },
  },
  "PUT /api/calling-hours": {
    summary: "Set the calling-hours policy",
    role: "admin",
    body: SC.callingHoursSchema,
    responses: { 200: SC.callingHoursViewSchema },
  },
  "POST /api/calling-hours/zones": {
    summary:
      "Where these numbers (up to 10,000) are: grouped by the time zones that decide their calling hours, the hours there, and where campaign_id's UTC window falls outside them (the upload preview and Split by time zone)",
    role: "manager",
    body: SC.zoneLookupSchema,
    responses: { 200: SC.zoneBreakdownSchema },
  },
  "GET /api/reports/outcomes": {
    summary:
      "Outcome metrics from the stored results over a range (at most 90 days): requests, attempted, attempts, reached, voicemail, no answer, busy, failed, completed, contact rate and attempts per request, by day, hour or hour of the week in tz, or by campaign, batch or line type",
    role: "supervisor",
    query: RP.outcomeReportQuerySchema,
    responses: { 200: RP.outcomeReportSchema },
  },
  "GET /api/reports/outcomes.csv": {
    summary: "The same report as CSV: a line per group, then the totals",
    role: "supervisor",
    query: RP.outcomeReportQuerySchema,
    responses: { 200: "csv" },
  },
  "GET /api/openapi.json": { summary: "This document", role: "anyone", responses: { 200: z.looseObject({ openapi: z.string() }) } },
  "GET /api/docs": { summary: "This document, rendered for people", role: "anyone", responses: { 200: "html" } },
  "GET /api/docs/assets/[file]": { summary: "The docs page's scripts and styles", role: "anyone", responses: { 200: "file" }, undocumented: true },
} satisfies Record<RouteKeyShape, RouteSpec>;

export type RouteKey = keyof typeof ROUTES;

/** Every declared route with its method and Next path, in declaration order. */
export function declaredRoutes(): { key: RouteKey; method: RouteMethod; path: string; spec: RouteSpec }[] {
  return (Object.entries(ROUTES) as [RouteKey, RouteSpec][]).map(([key, spec]) => {
    const [method, path] = key.split(" ") as [RouteMethod, string];
    return { key, method, path, spec };
  });
}

import "./zod-config";
import { z } from "zod";
import type { SuppressedRow } from "./suppression";
import { pagingParams, sortDirSchema, type Paged } from "./paging";
import { E164, E164_MESSAGE } from "./phone";
import { MAX_CALL_RATE, reasonSchema, resultFilterFields, resultSelectionFields, variableKeySchema as variableKey, variableValueSchema } from "./fields";

export { MAX_CALL_RATE } from "./fields";
import type { ConsoleChange } from "@/lib/schemas/audit";
import type { Batch, BatchDetails, RequestResult } from "@/lib/schemas/syllable";

// Shared by the batch forms (zodResolver) and the /api/batches handlers: one definition per write.

/** A batch id: a letter or digit, then up to 99 letters, digits, dots, dashes or underscores. */
export const BATCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A new batch's id, as typed. */
const batchIdField = z
  .string()
  .trim()
  .min(1, { error: "Enter a batch id" })
  .regex(BATCH_ID_PATTERN, { error: "Letters, digits, dot, dash and underscore only (max 100), starting with a letter or digit" });

const isoDateTime = z.iso.datetime({ offset: true, error: "Use a full date and time, e.g. 2026-05-01T17:00:00Z" });

/** Builds the expiry rule against a clock: the handler uses the upstream's clock, the form the browser's. */
const expiresOn = (now: () => Date) =>
  isoDateTime
    .refine((v) => Date.parse(v) > now().getTime(), { error: "The expiry must be in the future" })
    .nullable()
    .optional();

const callRate = z
  .number({ error: "Enter a whole number of calls per hour" })
  .int({ error: "Enter a whole number of calls per hour" })
  .min(1, { error: "At least 1 call per hour" })
  .max(MAX_CALL_RATE, { error: `At most ${MAX_CALL_RATE} calls per hour` })
  .nullable()
  .optional();

const AUTO_NEEDS_EXPIRY = "Set an expiry first: automatic pacing finishes the batch by it";

/** POST /api/batches. */
export function makeBatchCreateSchema(now: () => Date = () => new Date()) {
  return z
    .object({
      batch_id: batchIdField,
      campaign_id: z.number({ error: "Choose a campaign" }).int().positive({ error: "Choose a campaign" }),
      paused: z.boolean().default(true),
      expires_on: expiresOn(now),
      call_rate: callRate,
      /** Let Syllable pace the batch to finish by expires_on (overrides call_rate). */
      auto_call_rate: z.boolean().default(false),
    })
    .refine((v) => !v.auto_call_rate || !!v.expires_on, { path: ["auto_call_rate"], error: AUTO_NEEDS_EXPIRY });
}
export const batchCreateSchema = makeBatchCreateSchema();
export type BatchCreate = z.infer<typeof batchCreateSchema>;
export type BatchCreateInput = z.input<typeof batchCreateSchema>;

/**
 * PATCH /api/batches/{id}: any of paused, expires_on (null clears), call_rate (null = inherit the
 * campaign's), auto_call_rate (needs an expiry, already set or sent here; Syllable checks the stored one).
 */
export function makeBatchUpdateSchema(now: () => Date = () => new Date()) {
  return z
    .object({
      paused: z.boolean().optional(),
      expires_on: expiresOn(now),
      call_rate: callRate,
      auto_call_rate: z.boolean().optional(),
      reason: reasonSchema.optional(),
    })
    .strict()
    .refine((v) => Object.keys(v).some((k) => k !== "reason"), { error: "Nothing to change: send paused, expires_on, call_rate or auto_call_rate" })
    .refine((v) => !(v.auto_call_rate === true && v.expires_on === null), { path: ["auto_call_rate"], error: AUTO_NEEDS_EXPIRY });
}
export const batchUpdateSchema = makeBatchUpdateSchema();
export type BatchPatch = z.infer<typeof batchUpdateSchema>;

/** POST /api/batches/{id}/follow-up: a new batch (on hold) from the source's results filter. */
export function makeFollowUpSchema(now: () => Date = () => new Date()) {
  return z
    .object({
      batch_id: batchIdField,
      campaign_id: z.number({ error: "Choose a campaign" }).int().positive({ error: "Choose a campaign" }).optional(),
      expires_on: expiresOn(now),
      ...resultSelectionFields,
      channel_status: z.array(z.string().trim().min(1).max(50), { error: "A list of channel outcomes" }).max(50).optional(),
    })
    .strict();
}
export const followUpSchema = makeFollowUpSchema();
export type FollowUpInput = z.infer<typeof followUpSchema>;
export type FollowUpResponse = {
  /** The new batch as read back (null for a dry run). */
  batch: BatchDetailResponse | null;
  /** Source rows matching the filter. */
  matched: number;
  /** Contacts in the follow-up (or that would be, for a dry run). */
  added: number;
  excluded: Record<string, number>;
};

/** POST /api/batches/bulk: one change for many batches (the batch list's selection). */
export const BULK_ACTIONS = ["pause", "resume", "expire"] as const;
export const MAX_BULK_BATCHES = 200;
const reason = reasonSchema;
export function makeBatchBulkSchema(now: () => Date = () => new Date()) {
  return z
    .object({
      action: z.enum(BULK_ACTIONS, { error: "Choose pause, resume or expire" }),
      batch_ids: z
        .array(z.string().regex(BATCH_ID_PATTERN, { error: "Not a batch id" }), { error: "Select the batches" })
        .min(1, { error: "Select at least one batch" })
        .max(MAX_BULK_BATCHES, { error: `At most ${MAX_BULK_BATCHES} batches at once` })
        .transform((ids) => [...new Set(ids)]),
      expires_on: expiresOn(now),
      reason: reason.optional(),
    })
    .strict()
    .refine((v) => v.action !== "expire" || !!v.expires_on, { path: ["expires_on"], error: "Choose the new expiry" })
    .refine((v) => v.action === "expire" || v.expires_on === undefined, { path: ["expires_on"], error: "Only the expire action takes an expiry" });
}
export const batchBulkSchema = makeBatchBulkSchema();
export type BatchBulk = z.infer<typeof batchBulkSchema>;
/** `skipped`: refused by the console before anything was sent (a finished batch), with the reason in `error`. */
export type BulkResult = { batch_id: string; ok: boolean; error?: string; skipped?: boolean };
export type BulkResponse = { results: BulkResult[] };

/** POST /api/campaigns/{id}/stop and /resume: why (required, recorded with each batch's entry). */
export const campaignHoldSchema = z.object({
  reason: reason.min(3, { error: "Give a reason (at least 3 characters)" }),
});
export type CampaignHold = z.infer<typeof campaignHoldSchema>;

/** DELETE /api/batches/{id}. */
export const batchDeleteSchema = z.object({
  reason: z.string().trim().min(3, { error: "Give a reason (at least 3 characters)" }).max(500, { error: "At most 500 characters" }),
});
export type BatchDelete = z.infer<typeof batchDeleteSchema>;

/** POST /api/batches/{id}/requests. */
export const addRequestSchema = z.object({
  reference_id: z.string().trim().min(1, { error: "Enter a reference id" }).max(200),
  target: z.string().trim().regex(E164, { error: E164_MESSAGE }),
  request_variables: z
    .record(variableKey, variableValueSchema)
    .default({})
    .refine((v) => !("reference_id" in v) && !("target" in v), { error: "reference_id and target are not variables" }),
});
export type AddRequest = z.infer<typeof addRequestSchema>;

/** The add-request form: variables as editable rows, turned into `request_variables` on submit. */
export const addRequestFormSchema = addRequestSchema.omit({ request_variables: true }).extend({
  variables: z
    .array(z.object({ key: variableKey, value: variableValueSchema }))
    .refine((rows) => new Set(rows.map((r) => r.key.trim())).size === rows.length, { error: "Variable names must be unique" }),
});
export type AddRequestForm = z.infer<typeof addRequestFormSchema>;

/** POST /api/batches/{id}/requests/remove. */
export const removeRequestsSchema = z.object({
  reference_ids: z.array(z.string().trim().min(1)).min(1, { error: "Select at least one request" }).max(10_000, { error: "At most 10,000 at a time" }),
});
export type RemoveRequests = z.infer<typeof removeRequestsSchema>;

// ---- GET /api/batches -------------------------------------------------------------------------

export const BATCH_SEARCH_FIELDS = ["batch_id", "campaign_id", "status"] as const;
export const BATCH_ORDER_FIELDS = ["batch_id", "campaign_id", "status", "expires_on", "last_updated_at", "created_at"] as const;

const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use YYYY-MM-DD or a full ISO date-time" });

/** The batch list's query (1-based page, see ./paging). */
export const batchListQuerySchema = z.object({
  ...pagingParams({ defaultLimit: 25, maxLimit: 100 }),
  search_field: z.enum(BATCH_SEARCH_FIELDS).optional(),
  search_value: z.string().trim().max(200).optional(),
  order_by: z.enum(BATCH_ORDER_FIELDS).optional(),
  order_dir: sortDirSchema.optional(),
  start: dateOrDateTime.optional(),
  end: dateOrDateTime.optional(),
});
export type BatchListQuery = z.infer<typeof batchListQuerySchema>;

// ---- GET /api/batches/{id}/results ----------------------------------------------------------------

export const RESULT_SORT_FIELDS = [
  "reference_id",
  "target",
  "request_status",
  "channel_manager_status",
  "attempt_count",
  "sent_at",
  "insights_status",
  "created_at",
] as const;
export type ResultSortField = (typeof RESULT_SORT_FIELDS)[number];

/** 1-based `page` like the batch list. Filters apply to the whole result set on the server. */
export const resultsQuerySchema = z.object({
  ...pagingParams({ defaultLimit: 50, maxLimit: 500 }),
  ...resultFilterFields,
  /** Channel outcomes, comma-separated: rows with any of them (e.g. NO-ANSWER,BUSY). */
  channel_status: z.string().trim().max(500).optional(),
  sort: z.enum(RESULT_SORT_FIELDS).optional(),
  dir: sortDirSchema.optional(),
});
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

/** GET /api/batches/{id}/results: a page of the stored rows, how old they are, and the facet counts. */
export type ResultsPage = Paged<RequestResult> & {
  rows_as_of: string | null;
  refresh_failed: string | null;
  facets: { request_status: Record<string, number>; channel_manager_status: Record<string, number> };
  /** The first read of a big batch is still under way: the page holds the rows read so far. */
  reading: { rows_read: number; rows_expected: number | null } | null;
};

// ---- Response shapes -----------------------------------------------------------------------------

export type { Paged } from "./paging";

export type RowProgress = { total: number; finished: number; fraction: number };

/** `progress_unavailable`: the row's details failed or missed the list's deadline (progress null, not zero). */
export type BatchListItem = Batch & { campaign_name: string | null; progress: RowProgress | null; progress_unavailable: boolean };

/**
 * Why a batch is not dialing, as a code with the values that explain it; the sentence people
 * read is written by the UI (components/batches/not-dialing-message.ts).
 */
export type NotDialing =
  | { code: "failed"; error_message: string | null }
  | { code: "canceled" }
  | { code: "expired"; expired_at: string | null }
  | { code: "on_hold" }
  | { code: "empty" }
  | { code: "nothing_pending"; in_flight: number }
  | { code: "no_campaign" }
  | { code: "inactive_day"; day: string; next_window_start: string | null }
  | { code: "outside_window"; window_start: string; window_end: string; next_window_start: string | null }
  | { code: "stalled"; minutes: number; max_daily_calls: number | null };
export type NotDialingCode = NotDialing["code"];

/** Derived progress of a batch: counts, rates, ETA and why it is not dialing (if it is not). */
export type BatchProgress = {
  /** Upstream "now" the figures were computed at (ISO). */
  computed_at: string;
  total: number;
  finished: number;
  /** PENDING requests (incl. ones waiting for a retry). */
  pending: number;
  /** Dialed, outcome not known yet (INITIATED, QUEUEING). */
  in_flight: number;
  fraction: number;
  /** Calls per hour the batch is paced at, and where that comes from ("auto": Syllable paces it to finish by the expiry; the rate is the estimate). */
  effective_rate: number | null;
  rate_source: "batch" | "campaign" | "auto" | null;
  /** Requests dialed per hour over the recent snapshots (null without enough history). */
  observed_rate: number | null;
  /** When the last pending request should be dialed at the effective pace (null: never / unknown). */
  eta: string | null;
  /** What the ETA and `unreached_before_expiry` are paced on: the pace observed over the last hour of history, or the configured rate (null: no estimate). */
  eta_basis: "observed" | "configured" | null;
  /** The ETA counts only the hours the console's scheduler releases the batch in (its schedule, its recipients' calling hours). */
  eta_scheduled?: boolean;
  /** On hold: how long dialing the pending requests would take once resumed (null otherwise). */
  dialing_left_ms: number | null;
  /** Requests that will not be dialed before expires_on at this pace (0 when all fit, null when unknown). */
  unreached_before_expiry: number | null;
  in_window: boolean;
  /** Next time the calling window opens (when outside it now). */
  next_window_start: string | null;
  not_dialing: NotDialing | null;
};

export type CampaignPacing = {
  id: number;
  campaign_name: string;
  hourly_rate: number | null;
  max_daily_calls: number | null;
  daily_start_time: string | null;
  daily_end_time: string | null;
  active_days: string[] | null;
  mode: string | null;
};

export type SnapshotPoint = { at: string; total: number; finished: number; statusCounts: Record<string, number> };

/** GET /api/batches/{id}: the upstream details plus what the console derives. */

export type BatchDetailResponse = BatchDetails & {
  campaign: CampaignPacing | null;
  progress: BatchProgress;
  history: SnapshotPoint[];
  console_change: ConsoleChange | null;
  /** The batch this one was made from as a follow-up through the console (null otherwise). */
  follow_up_of?: string | null;
  /** Requests kept from Syllable because their number is suppressed: left out at upload or add, removed from the queue. */
  suppression?: { at_upload: number; removed: number };
  /** On hold by the console's scheduler (not by a person): its own schedule, or the recipients' calling hours. */
  schedule_hold?: { by: "schedule" | "calling_hours"; reason: string } | null;
  /** Now on Syllable's clock when this was read: relate Syllable's times to it, not to the browser's clock. */
  upstream_now: string;
  /** How fresh this is, from the live engine (absent on a direct read). */
  live?: LiveStatus;
};

/** The live engine's word on a batch's data: when it was fetched, and since when refreshing fails (and why). */
export type LiveStatus = { fetched_at: string; stale_since: string | null; reason: string | null; version: number };

/** GET /api/batches: a page of batches, and now on Syllable's clock (see BatchDetailResponse). */
export type BatchListResponse = Paged<BatchListItem> & { upstream_now: string };

/** removed: existed and are gone; not_removed: existed and stayed (already dialed); not_found: never in the batch. */
export type RemoveRequestsResponse = { removed: string[]; not_removed: string[]; not_found: string[]; batch: BatchDetailResponse };
export type AddRequestResponse = { request: RequestResult | null; batch: BatchDetailResponse };
export type UploadResponse = {
  upload: Record<string, unknown> | null;
  batch: BatchDetailResponse;
  /** Rows left out: their number is suppressed for the batch's campaign (the first 100 named). */
  suppressed: number;
  suppressed_rows: SuppressedRow[];
};

/** A campaign a new batch can be attached to, as the create form lists it. */
export type CampaignOption = { id: number; name: string; hourly_rate: number | null };

/** The upload's `mapping` form field (JSON): which of the file's columns are the target, the reference id and the variables. */
export const uploadMappingSchema = z
  .object({
    target: z.string({ error: "Name the column that holds the phone number" }).min(1, "Name the column that holds the phone number"),
    reference_id: z.string({ error: "Name the column that holds the reference id" }).min(1, "Name the column that holds the reference id"),
    variables: z.record(variableKey, z.string().min(1)).optional(),
  })
  .strict();

// What the console's API answers, as zod schemas: the source of GET /api/openapi.json (with the
// request schemas the handlers parse with) and of the checks the integration tests make of
// every answer they receive. Objects are open (Syllable adds fields; so may we).
import "./zod-config";
import { z } from "zod";
import { suppressedRowSchema } from "./suppression";
import { batchDetailsSchema, batchSchema, campaignSchema, requestResultSchema } from "./syllable";

const iso = z.string().describe("ISO 8601 date-time (UTC)");
const nullableIso = iso.nullable();

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe("machine-readable, e.g. validation_failed, unauthorized, upstream_timeout"),
      message: z.string().describe("a sentence for people"),
      fields: z.record(z.string(), z.string()).optional().describe("field path → message"),
    }),
  })
  .describe("Every error the API answers");

export const pagedSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    items: z.array(item),
    page: z.number().int().min(1),
    page_size: z.number().int(),
    total_count: z.number().int(),
    total_pages: z.number().int(),
  });

export const consoleChangeSchema = z.object({ actor_email: z.string(), action: z.string(), at: iso }).describe("The newest change made through the console");

const rowProgressSchema = z.object({ total: z.number().int(), finished: z.number().int(), fraction: z.number() });
export const batchListItemSchema = batchSchema.extend({
  campaign_name: z.string().nullable(),
  progress: rowProgressSchema.nullable(),
  progress_unavailable: z.boolean().describe("true when the row's details failed or missed the list's time budget: progress is null, not zero"),
});

const campaignPacingSchema = z.looseObject({
  id: z.number().int(),
  campaign_name: z.string(),
  hourly_rate: z.number().nullable(),
  max_daily_calls: z.number().nullable(),
  daily_start_time: z.string().nullable(),
  daily_end_time: z.string().nullable(),
  active_days: z.array(z.string()).nullable(),
  mode: z.string().nullable(),
});

const notDialingSchema = z.looseObject({ code: z.string() }).describe("Why the batch is not dialing: a code with the values that explain it");

const progressSchema = z.looseObject({
  computed_at: iso,
  total: z.number().int(),
  finished: z.number().int(),
  pending: z.number().int(),
  in_flight: z.number().int(),
  fraction: z.number(),
  effective_rate: z.number().nullable(),
  rate_source: z.enum(["batch", "campaign", "auto"]).nullable(),
  observed_rate: z.number().nullable(),
  eta: nullableIso,
  eta_basis: z.enum(["observed", "configured"]).nullable(),
  eta_scheduled: z.boolean().optional(),
  dialing_left_ms: z.number().nullable(),
  unreached_before_expiry: z.number().int().nullable(),
  in_window: z.boolean(),
  next_window_start: nullableIso,
  not_dialing: notDialingSchema.nullable(),
});

const snapshotPointSchema = z.object({ at: iso, total: z.number().int(), finished: z.number().int(), statusCounts: z.record(z.string(), z.number()) });

export const batchDetailResponseSchema = batchDetailsSchema.extend({
  campaign: campaignPacingSchema.nullable(),
  progress: progressSchema,
  history: z.array(snapshotPointSchema),
  console_change: consoleChangeSchema.nullable(),
  follow_up_of: z.string().nullable().optional().describe("the batch this one was made from as a follow-up through the console"),
  schedule_hold: z
    .object({ by: z.enum(["schedule", "calling_hours"]), reason: z.string() })
    .nullable()
    .optional()
    .describe("on hold by the console's scheduler, not by a person: its own schedule, or the recipients' calling hours"),
  suppression: z
    .object({ at_upload: z.number().int(), removed: z.number().int() })
    .optional()
    .describe("requests kept from Syllable because their number is suppressed: left out at upload or add-request, removed from the queue"),
  upstream_now: iso.describe("now on Syllable's clock when this was read: relate Syllable's times to it"),
  live: z
    .object({ fetched_at: iso, stale_since: iso.nullable(), reason: z.string().nullable(), version: z.number().int() })
    .optional()
    .describe("from the live engine: when fetched; stale_since/reason while refreshing from Syllable fails"),
});

const batchCountsSchema = z.object({ active: z.number().int(), total: z.number().int() });
export const campaignListResponseSchema = pagedSchema(campaignSchema.extend({ batch_counts: batchCountsSchema.nullable() })).extend({
  batch_counts_complete: z.boolean(),
});
export const campaignDetailResponseSchema = z.looseObject({
  campaign: campaignSchema,
  batch_counts: batchCountsSchema.nullable(),
  console_change: consoleChangeSchema.nullable().optional(),
});
export const campaignUpdateResponseSchema = z.looseObject({
  campaign: campaignSchema,
  changed: z.array(z.string()),
  not_applied: z.array(z.string()).describe("changes Syllable did not keep"),
  overwritten: z
    .array(z.object({ field: z.string(), yours: z.unknown(), theirs: z.unknown() }))
    .describe("changes another writer replaced right after this save (both values)"),
  kept_theirs: z.array(z.string()).describe("fields another writer changed during the save; kept as they set them"),
  console_change: consoleChangeSchema.nullable().optional(),
});
export const campaignConflictSchema = errorBodySchema.extend({ current: campaignSchema });

const auditEntrySchema = z.looseObject({
  id: z.number().int(),
  at: iso,
  actorEmail: z.string(),
  actorRole: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(["pending", "ok", "failed", "unknown"]).describe("pending: stored before the write, not settled yet; unknown: read back, could not tell"),
  detail: z.record(z.string(), z.unknown()),
});
export const auditPageSchema = pagedSchema(auditEntrySchema).extend({
  next_before: z.number().int().nullable().describe("the id to page backwards from with `before`"),
});

// Strict: an answer that carried anything more (a credential, its hash) would fail the OpenAPI check in every test.
const userSchema = z.strictObject({
  id: z.number().int(),
  email: z.string(),
  role: z.enum(["supervisor", "manager", "admin"]),
  via: z.enum(["session", "token"]).optional(),
});
export const meSchema = z.object({ user: userSchema, mode: z.enum(["sandbox", "live"]) });
export const healthSchema = z.looseObject({
  status: z
    .enum(["ok", "degraded", "unavailable", "draining"])
    .describe("ok; degraded: Syllable is failing; unavailable: the store is (503); draining: stopping after SIGTERM (503)"),
  mode: z.enum(["sandbox", "live"]),
  upstream: z.looseObject({
    ok: z.boolean(),
    latency_ms: z.number(),
    checked_at: nullableIso.optional().describe("when this instance last heard from Syllable (its own calls; one probe when older than 30 s)"),
  }),
  store: z.object({ ok: z.boolean() }),
});
export type Health = z.infer<typeof healthSchema>;

const tokenInfoSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["supervisor", "manager", "admin"]).nullable().describe("the token's own limit (null: its user's role)"),
  created_by: z.string().nullable(),
  created_at: iso,
  expires_at: nullableIso,
  last_used_at: nullableIso,
});
export const tokenListSchema = z.object({ items: z.array(tokenInfoSchema) });
export const tokenCreatedSchema = tokenInfoSchema.extend({ token: z.string().describe("shown once: store it now") });

export const removeRequestsResponseSchema = z.object({
  removed: z.array(z.string()),
  not_removed: z.array(z.string()),
  not_found: z.array(z.string()),
  batch: batchDetailResponseSchema,
});
export const addRequestResponseSchema = z.object({ request: requestResultSchema.nullable(), batch: batchDetailResponseSchema });
export const uploadResponseSchema = z.object({
  upload: z.record(z.string(), z.unknown()).nullable().describe("Syllable's answer (null: nothing was sent, every row was suppressed)"),
  batch: batchDetailResponseSchema,
  suppressed: z.number().int().describe("rows left out because their number is on a suppression list that applies to the batch's campaign"),
  suppressed_rows: z.array(suppressedRowSchema).describe("the first 100 of them"),
});
export const resultsPageSchema = pagedSchema(requestResultSchema).extend({
  rows_as_of: z.iso.datetime().nullable().describe("when the rows shown were read from Syllable (null: the batch has no results yet)"),
  refresh_failed: z.string().nullable().describe("why the last re-read failed (the rows are from before it); null when it did not"),
  facets: z
    .object({ request_status: z.record(z.string(), z.number().int()), channel_manager_status: z.record(z.string(), z.number().int()) })
    .describe("rows per request status and per channel outcome across the whole batch (upper-cased)"),
  reading: z
    .object({ rows_read: z.number().int(), rows_expected: z.number().int().nullable() })
    .nullable()
    .describe("the first read of a big batch is still under way: the rows so far are shown (sorted and filtered among themselves); null once read"),
});
export const followUpResponseSchema = z.object({
  batch: batchDetailResponseSchema.nullable().describe("the new batch as read back; null for a dry run"),
  matched: z.number().int().describe("source results matching the filter"),
  added: z.number().int().describe("contacts in the follow-up (or that would be)"),
  excluded: z.record(z.string(), z.number().int()).describe("matching contacts left out, by reason: duplicate, invalid, completed_elsewhere, duplicate_target"),
});
const userInfoSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  role: z.enum(["supervisor", "manager", "admin"]),
  created_at: iso,
  last_sign_in_at: iso.nullable(),
});
export const userListSchema = z.object({ items: z.array(userInfoSchema) });
export const userChangeSchema = z.object({
  user: userInfoSchema,
  password: z.string().optional().describe("only when the console generated it: shown this once"),
});
export const bulkResponseSchema = z.object({
  results: z
    .array(
      z.object({
        batch_id: z.string(),
        ok: z.boolean(),
        error: z.string().optional().describe("why this batch was not changed"),
        skipped: z.boolean().optional().describe("true: refused before anything was sent (the batch is finished: COMPLETED, FAILED, CANCELED or EXPIRED)"),
      }),
    )
    .describe("one per batch, in the order sent"),
});

const overviewRowSchema = z.looseObject({
  batch_id: z.string(),
  campaign_id: z.number().int(),
  campaign_name: z.string().nullable(),
  status: z.string().nullable(),
  paused: z.boolean(),
  total: z.number().int(),
  finished: z.number().int(),
  fraction: z.number(),
  pending: z.number().int(),
  in_flight: z.number().int(),
  target_rate: z.number().nullable(),
  observed_rate: z.number().nullable(),
  eta: nullableIso,
  eta_basis: z.enum(["observed", "configured"]).nullable(),
  stale_since: nullableIso,
  sparkline: z.array(z.number()).describe("finished counts over the recent snapshots, oldest first"),
  attention: z
    .array(z.enum(["stale", "failing", "not_dialing", "will_not_finish", "held_by_calling_hours", "held_by_schedule", "paused"]))
    .describe("why it needs attention, most urgent first"),
});
/** The overview's outcome counts, in total and for today. */
const outcomeCounts = {
  dialed: z.number().int(),
  connected: z.number().int(),
  voicemail: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
};

export const liveOverviewSchema = z.object({
  batches: z.array(overviewRowSchema),
  totals: z.object({
    batches: z.number().int(),
    requests: z.number().int(),
    ...outcomeCounts,
    pending: z.number().int(),
    today: z
      .object({
        since: iso,
        partial: z.boolean().describe("some batch has no counts from before `since`: its share starts at its first snapshot today"),
        ...outcomeCounts,
      })
      .describe("what happened since the start of the day (UTC, upstream clock): now minus each batch's counts as of then"),
  }),
  alerts: z.array(z.lazy(() => alertSchema)),
  upstream_now: iso,
  discovered_at: nullableIso,
});

export const alertSchema = z.object({
  id: z.number().int(),
  batch_id: z.string(),
  kind: z.string().describe("stalled, unreachable, failure_spike, will_not_finish, finished"),
  message: z.string(),
  opened_at: iso,
  resolved_at: nullableIso,
  acked_by: z.string().nullable(),
  acked_at: nullableIso,
});
export const alertListSchema = z.object({ items: z.array(alertSchema) });

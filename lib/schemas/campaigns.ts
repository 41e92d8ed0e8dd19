import "./zod-config";
import { z } from "zod";
import type { ConsoleChange } from "./audit";
import { MAX_CALL_RATE, reasonSchema, variableKeySchema, variableValueSchema } from "./fields";
import { pagingParams, sortDirSchema, type Paged } from "./paging";
import { E164, E164_MESSAGE } from "./phone";
import { DAYS_OF_WEEK, type Campaign } from "./syllable";

// What the console accepts for campaigns: one set of field rules shared by the route handlers
// (PATCH/POST /api/campaigns) and the forms (zodResolver), so a value the form lets through is
// a value the handler accepts, and the handler's 422 field keys are the form's field names.

export {
  ADMIN_ONLY_FIELDS,
  CAMPAIGN_MODES,
  DETAIL_FIELDS,
  MANAGER_FIELDS,
  PATCHABLE_FIELDS,
  SCHEDULE_FIELDS,
  TARGETING_FIELDS,
  VOICEMAIL_MODES,
  type PatchableField,
  type ScheduleField,
} from "@/lib/domain/campaign-fields";
import { CAMPAIGN_MODES, FILTER_OPS, LINE_TYPE_BUCKETS, PATCHABLE_FIELDS, VOICEMAIL_MODES, WEBHOOK_METHODS } from "@/lib/domain/campaign-fields";
import { CHANNEL_MANAGER_STATUSES } from "@/lib/domain/syllable-values";

// ---- field rules ----

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
/** "HH:MM" or "HH:MM:SS" → "HH:MM:SS" (Syllable's form), or null when it is not a time. */
export function normaliseTime(value: string | null | undefined): string | null {
  const m = TIME_RE.exec(value ?? "");
  return m ? `${m[1]}:${m[2]}:${m[3] ?? "00"}` : null;
}

export const timeOfDaySchema = z.string({ error: "Enter a time." }).regex(TIME_RE, "Enter a time as HH:MM (24-hour).");
export const activeDaysSchema = z
  .array(z.enum(DAYS_OF_WEEK, { error: "Unknown day." }), { error: "Choose the active days." })
  .min(1, "Choose at least one day.")
  .refine((days) => new Set(days).size === days.length, "A day is listed twice.");

const wholeNumber = (what: string) => z.number({ error: `Enter ${what} as a whole number.` }).int(`Enter ${what} as a whole number.`);
export const hourlyRateSchema = wholeNumber("the hourly rate")
  .min(1, "At least 1 call per hour.")
  .max(MAX_CALL_RATE, `At most ${MAX_CALL_RATE} calls per hour.`);
export const maxDailyCallsSchema = wholeNumber("the daily maximum")
  .min(1, "At least 1 call per day, or leave empty for no cap.")
  .max(1_000_000, "At most 1,000,000 calls per day.")
  .nullable();
export const retryCountSchema = wholeNumber("the number of retries").min(0, "Retries cannot be negative.").max(10, "At most 10 retries.");
export const retryIntervalSchema = z
  .string()
  .regex(/^[1-9]\d{0,3}[mhd]$/, "Use a number and a unit: 30m, 12h or 7d.")
  .nullable();
/** E.164: a plus, a non-zero digit, 7 to 15 digits in all. */
export const phoneSchema = z.string().regex(E164, E164_MESSAGE).nullable();
export const labelsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, "A label cannot be empty.")
      .max(40, "Labels are at most 40 characters.")
      .regex(/^[^,]+$/, "Labels cannot contain commas."),
  )
  .max(20, "At most 20 labels.")
  .refine((l) => new Set(l).size === l.length, "A label is listed twice.");
export const descriptionSchema = z.string().max(2000, "At most 2000 characters.").nullable();
export const campaignVariablesSchema = z.record(variableKeySchema, variableValueSchema);
export const smsSessionTtlSchema = wholeNumber("the SMS session TTL").min(1, "At least 1 minute.").max(43_200, "At most 43,200 minutes (30 days).").nullable();

const unique = (list: readonly unknown[]) => new Set(list).size === list.length;

// ---- webhooks (admins) ----

/**
 * Syllable's rule for hmac_secret: standard Base64 (RFC 4648) decoding to 32–512 bytes. Counted
 * from the text, so the browser checks it the same way without Buffer.
 */
export function isHmacSecret(value: string): boolean {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return false;
  const bytes = (value.length / 4) * 3 - (value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0);
  return bytes >= 32 && bytes <= 512;
}
export const HMAC_SECRET_MESSAGE = "Use standard Base64 that decodes to 32–512 bytes (44 characters ending in = for 32 bytes).";

/**
 * What to do with a webhook's HMAC secret. The secret is write-only: the console never reads one
 * back, so "keep" is the default and a new value only ever travels towards Syllable.
 */
export const webhookSecretChangeSchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("keep") }),
    z.strictObject({ action: z.literal("remove") }),
    z.strictObject({ action: z.literal("replace"), value: z.string({ error: "Enter the new secret." }).trim().refine(isHmacSecret, HMAC_SECRET_MESSAGE) }),
  ],
  { error: "Choose keep, replace or remove for the secret." },
);
export type WebhookSecretChange = z.infer<typeof webhookSecretChangeSchema>;

export const webhookUrlSchema = z
  .string({ error: "Enter the URL." })
  .trim()
  .min(1, "Enter the URL.")
  .max(2000, "At most 2000 characters.")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" && !!u.hostname;
    } catch {
      return false;
    }
  }, "Enter an HTTPS URL, e.g. https://example.com/hooks/syllable.");

export const webhookPatchSchema = z.strictObject({
  /** Absent for a new webhook. */
  id: z.number().int().positive().optional(),
  url: webhookUrlSchema,
  request_method: z.enum(WEBHOOK_METHODS, { error: "Choose POST, PUT or PATCH." }),
  trigger_statuses: z
    .array(z.enum(CHANNEL_MANAGER_STATUSES, { error: "Not one of Syllable's statuses." }), { error: "Choose the statuses that trigger it." })
    .min(1, "Choose at least one status.")
    .refine(unique, "A status is listed twice."),
  /** Absent = keep. */
  hmac_secret: webhookSecretChangeSchema.optional(),
});
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;
/** The campaign's complete list of webhooks after the edit: one left out is removed. */
export const webhooksPatchSchema = z
  .array(webhookPatchSchema)
  .max(20, "At most 20 webhooks.")
  .refine((hooks) => unique(hooks.flatMap((h) => (h.id === undefined ? [] : [h.id]))), "A webhook is listed twice.");

// ---- targeting (admins) ----

export const allowedLineTypesSchema = z
  .array(z.enum(LINE_TYPE_BUCKETS, { error: "Choose mobile, landline or voip." }))
  .refine(unique, "A line type is listed twice.")
  .nullable();
export const includeUnknownLineTypesSchema = z.boolean({ error: "Say whether unknown line types are dialed." });

const NO_VALUE_OPS = new Set(["exists", "not_exists"]);
export const targetFilterRuleSchema = z
  .strictObject({
    field: z
      .string({ error: "Enter the attribute to match on." })
      .trim()
      .min(1, "Enter the attribute to match on, e.g. line_type.")
      .max(100, "At most 100 characters.")
      .regex(/^[A-Za-z0-9_.-]+$/, "Letters, digits, _ . and - only."),
    op: z.enum(FILTER_OPS, { error: "Choose how to compare." }),
    values: z
      .array(z.string().trim().min(1, "A value cannot be empty.").max(200, "At most 200 characters."), { error: "List the values." })
      .max(100, "At most 100 values."),
  })
  .superRefine((r, ctx) => {
    const n = r.values.length;
    const problem = NO_VALUE_OPS.has(r.op)
      ? n > 0 && `"${r.op}" takes no values: remove them.`
      : r.op === "eq" || r.op === "neq"
        ? n !== 1 && `"${r.op}" compares with exactly one value.`
        : n === 0 && "Enter at least one value.";
    if (problem) ctx.addIssue({ code: "custom", path: ["values"], message: problem });
  });
export const targetFiltersSchema = z
  .strictObject({
    match: z.enum(["all", "any"], { error: "Choose all or any." }),
    on_unknown: z.enum(["include", "exclude"], { error: "Choose include or exclude." }),
    rules: z.array(targetFilterRuleSchema).max(50, "At most 50 rules."),
  })
  .nullable();
export type TargetFiltersInput = z.infer<typeof targetFiltersSchema>;

/** Sane bounds for voicemail detection, in seconds (explained next to each field in the form). */
export const VOICEMAIL_BOUNDS = {
  voicemail_detection_overall_timeout: { min: 1, max: 120 },
  voicemail_detection_pre_speech_timeout: { min: 0.1, max: 30 },
  voicemail_detection_post_speech_timeout: { min: 0.1, max: 10 },
  voicemail_detection_speech_threshold: { min: 0.1, max: 10 },
  voicemail_detection_v2_pre_speech_timeout: { min: 0.1, max: 30 },
} as const;
type VoicemailNumberField = keyof typeof VOICEMAIL_BOUNDS;
const seconds = (field: VoicemailNumberField) =>
  z
    .number({ error: "Enter a number of seconds." })
    .min(VOICEMAIL_BOUNDS[field].min, `At least ${VOICEMAIL_BOUNDS[field].min} s.`)
    .max(VOICEMAIL_BOUNDS[field].max, `At most ${VOICEMAIL_BOUNDS[field].max} s.`);

const voicemailShape = {
  mode: z.enum(VOICEMAIL_MODES, { error: "Choose v1 or v2." }),
  voicemail_detection_overall_timeout: seconds("voicemail_detection_overall_timeout"),
  voicemail_detection_pre_speech_timeout: seconds("voicemail_detection_pre_speech_timeout"),
  voicemail_detection_post_speech_timeout: seconds("voicemail_detection_post_speech_timeout"),
  voicemail_detection_speech_threshold: seconds("voicemail_detection_speech_threshold"),
  /** v2 only (Syllable, 2026-08): silence allowed before speech when the v2 detector runs. */
  voicemail_detection_v2_pre_speech_timeout: seconds("voicemail_detection_v2_pre_speech_timeout").nullable().optional(),
};

function checkVoicemailTimeouts(v: Partial<Record<VoicemailNumberField, number | null | undefined>>, ctx: z.RefinementCtx, prefix: (string | number)[]) {
  const overall = v.voicemail_detection_overall_timeout;
  for (const f of ["voicemail_detection_pre_speech_timeout", "voicemail_detection_post_speech_timeout", "voicemail_detection_v2_pre_speech_timeout"] as const) {
    const t = v[f];
    if (overall != null && t != null && t > overall) {
      ctx.addIssue({ code: "custom", path: [...prefix, f], message: "Cannot be longer than the overall timeout." });
    }
  }
}

/** A complete voicemail detection config, as the admin form submits it when detection is on. */
export const voicemailDetectionInputSchema = z.strictObject(voicemailShape).superRefine((v, ctx) => checkVoicemailTimeouts(v, ctx, []));
export type VoicemailDetectionInput = z.infer<typeof voicemailDetectionInputSchema>;

/**
 * In a PATCH: null turns detection off; an object is merged into the stored one (so keys the
 * console does not know survive); a field set to null clears it.
 */
export const voicemailDetectionPatchSchema = z
  .object({
    mode: voicemailShape.mode.nullable().optional(),
    voicemail_detection_overall_timeout: voicemailShape.voicemail_detection_overall_timeout.nullable().optional(),
    voicemail_detection_pre_speech_timeout: voicemailShape.voicemail_detection_pre_speech_timeout.nullable().optional(),
    voicemail_detection_post_speech_timeout: voicemailShape.voicemail_detection_post_speech_timeout.nullable().optional(),
    voicemail_detection_speech_threshold: voicemailShape.voicemail_detection_speech_threshold.nullable().optional(),
    voicemail_detection_v2_pre_speech_timeout: voicemailShape.voicemail_detection_v2_pre_speech_timeout,
  })
  // Keys the console does not know (Syllable keeps them, e.g. legacy_beep_detection) pass through
  // unchanged, so sending back what GET returned works; only plain JSON values, though.
  .catchall(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((v) => Object.keys(v).length <= 50, { error: "Too many voicemail detection settings." })
  .superRefine((v, ctx) => checkVoicemailTimeouts(v, ctx, []));
export type VoicemailDetectionPatch = z.infer<typeof voicemailDetectionPatchSchema>;

// A start after the end is a window across midnight (22:00–06:00), as Syllable's windows allow;
// only the same time twice says nothing about when to call.
const timeOrder = (start: string | null | undefined, end: string | null | undefined) => {
  const s = normaliseTime(start);
  const e = normaliseTime(end);
  return s === null || e === null || e !== s;
};
export const END_AFTER_START = "The end time must differ from the start time (a window may cross midnight, e.g. 22:00–06:00).";

type Times = { daily_start_time?: string | null; daily_end_time?: string | null };
/** End and start differ, checked even when other fields fail (zod skips plain refinements then). */
export const endAfterStart: [(v: Times) => boolean, { path: string[]; message: string; when: (payload: { value: unknown }) => boolean }] = [
  (v: Times) => timeOrder(v.daily_start_time, v.daily_end_time),
  {
    path: ["daily_end_time"],
    message: END_AFTER_START,
    when: (payload: { value: unknown }) => {
      const v = (payload.value ?? {}) as Record<string, unknown>;
      return typeof v.daily_start_time === "string" && typeof v.daily_end_time === "string";
    },
  },
];

// ---- PATCH /api/campaigns/{id} ----

export const scheduleShape = {
  daily_start_time: timeOfDaySchema,
  daily_end_time: timeOfDaySchema,
  active_days: activeDaysSchema,
  hourly_rate: hourlyRateSchema,
  max_daily_calls: maxDailyCallsSchema,
  retry_count: retryCountSchema,
  retry_interval: retryIntervalSchema,
};
export const detailShape = {
  description: descriptionSchema,
  labels: labelsSchema,
  caller_id: phoneSchema,
  source: phoneSchema,
  sms_session_ttl: smsSessionTtlSchema,
};

/**
 * The PATCH body: only the fields that changed, plus the `updated_at` the editor loaded.
 * Unknown keys are refused: a field the console does not edit must not be wipeable by accident.
 * `reason` is for the audit log only.
 */
export const campaignPatchSchema = z
  .strictObject({
    expected_updated_at: z.string({ error: "Send the updated_at of the campaign you edited." }).min(1, "Send the updated_at of the campaign you edited."),
    daily_start_time: scheduleShape.daily_start_time.optional(),
    daily_end_time: scheduleShape.daily_end_time.optional(),
    active_days: scheduleShape.active_days.optional(),
    hourly_rate: scheduleShape.hourly_rate.optional(),
    max_daily_calls: scheduleShape.max_daily_calls.optional(),
    retry_count: scheduleShape.retry_count.optional(),
    retry_interval: scheduleShape.retry_interval.optional(),
    caller_id: detailShape.caller_id.optional(),
    source: detailShape.source.optional(),
    labels: detailShape.labels.optional(),
    description: detailShape.description.optional(),
    sms_session_ttl: detailShape.sms_session_ttl.optional(),
    campaign_variables: campaignVariablesSchema.optional(),
    voicemail_detection: voicemailDetectionPatchSchema.nullable().optional(),
    webhooks: webhooksPatchSchema.optional(),
    allowed_line_types: allowedLineTypesSchema.optional(),
    include_unknown_line_types: includeUnknownLineTypesSchema.optional(),
    target_filters: targetFiltersSchema.optional(),
    reason: reasonSchema.optional(),
  })
  .refine(...endAfterStart)
  .superRefine((v, ctx) => {
    if (!PATCHABLE_FIELDS.some((f) => v[f] !== undefined)) ctx.addIssue({ code: "custom", path: [], message: "Nothing to change: send at least one field." });
  });
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

// ---- POST /api/campaigns (admins) ----

export const campaignCreateSchema = z
  .strictObject({
    campaign_name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(200, "At most 200 characters."),
    mode: z.enum(CAMPAIGN_MODES, { error: "Choose voice, SMS or email." }),
    description: descriptionSchema.optional(),
    caller_id: phoneSchema,
    source: phoneSchema,
    daily_start_time: timeOfDaySchema,
    daily_end_time: timeOfDaySchema,
    active_days: activeDaysSchema,
    hourly_rate: hourlyRateSchema,
    max_daily_calls: maxDailyCallsSchema.optional(),
    retry_count: retryCountSchema,
    retry_interval: retryIntervalSchema,
    labels: labelsSchema.optional(),
  })
  .refine(...endAfterStart);
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

// ---- GET /api/campaigns ----

export const CAMPAIGN_SORTS = ["id", "campaign_name", "mode", "daily_start_time", "updated_at"] as const;
export const campaignListQuerySchema = z.object({
  ...pagingParams({ defaultLimit: 25, maxLimit: 100 }),
  search: z.string().trim().max(200).optional(),
  label: z.string().trim().max(40).optional(),
  mode: z.string().trim().max(20).optional(),
  order_by: z.enum(CAMPAIGN_SORTS).optional(),
  order_dir: sortDirSchema.optional(),
});
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>;

/**
 * DELETE /api/campaigns/{id}: `{reason}` (required: it goes to the audit log); `?force=true` or
 * `"confirm_active_batches": true` acknowledges active batches.
 */
export const campaignDeleteBodySchema = z
  .object({
    reason: reasonSchema.min(3, { error: "Give a reason (at least 3 characters)" }),
    confirm_active_batches: z.boolean().optional(),
  })
  .loose();

/** Batch statuses that count as "active" (not finished): deleting the campaign would orphan them. */
export const ACTIVE_BATCH_STATUSES = ["ACTIVE", "PENDING", "PAUSED"] as const;

export type BatchCounts = { active: number; total: number };
export type CampaignListItem = Campaign & { batch_counts: BatchCounts | null };
export type CampaignListResponse = Paged<CampaignListItem> & {
  /** False when there were more batches than one bounded upstream call returns: counts are a lower bound. */
  batch_counts_complete: boolean;
};
/** One of the editor's changes that another writer replaced right after the save. */
export type OverwrittenField = { field: string; yours: unknown; theirs: unknown };
/**
 * PATCH /api/campaigns/{id}: the campaign as read back, what changed, what Syllable did not keep,
 * which changes another writer replaced right after (`overwritten`), which fields another writer
 * changed during the save and were kept (`kept_theirs`), and who changed it (the console's audit).
 */
export type CampaignUpdateResponse = {
  campaign: Campaign;
  changed: string[];
  not_applied: string[];
  overwritten: OverwrittenField[];
  kept_theirs: string[];
  console_change?: ConsoleChange | null;
};

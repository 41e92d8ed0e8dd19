import "./zod-config";
import { z } from "zod";
import type { ConsoleChange } from "./audit";
import { MAX_CALL_RATE, variableKeySchema, variableValueSchema } from "./fields";
import { pagingParams, sortDirSchema, type Paged } from "./paging";
import { E164, E164_MESSAGE } from "./phone";
import { DAYS_OF_WEEK, type Campaign } from "./syllable";

// What the console accepts for campaigns: one set of field rules shared by the route handlers
// (PATCH/POST /api/campaigns) and the forms (zodResolver), so a value the form lets through is
// a value the handler accepts, and the handler's 422 field keys are the form's field names.

export { CAMPAIGN_MODES, SCHEDULE_FIELDS, VOICEMAIL_MODES, type ScheduleField } from "@/lib/domain/campaign-fields";
import { CAMPAIGN_MODES, SCHEDULE_FIELDS, VOICEMAIL_MODES } from "@/lib/domain/campaign-fields";

/** Every field a PATCH may carry (voicemail_detection only for admins). */
export const PATCHABLE_FIELDS = [...SCHEDULE_FIELDS, "voicemail_detection"] as const;
export type PatchableField = (typeof PATCHABLE_FIELDS)[number];


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
export const hourlyRateSchema = wholeNumber("the hourly rate").min(1, "At least 1 call per hour.").max(MAX_CALL_RATE, `At most ${MAX_CALL_RATE} calls per hour.`);
export const maxDailyCallsSchema = wholeNumber("the daily maximum").min(1, "At least 1 call per day, or leave empty for no cap.").max(1_000_000, "At most 1,000,000 calls per day.").nullable();
export const retryCountSchema = wholeNumber("the number of retries").min(0, "Retries cannot be negative.").max(10, "At most 10 retries.");
export const retryIntervalSchema = z
  .string()
  .regex(/^[1-9]\d{0,3}[mhd]$/, "Use a number and a unit: 30m, 12h or 7d.")
  .nullable();
/** E.164: a plus, a non-zero digit, 7 to 15 digits in all. */
export const phoneSchema = z.string().regex(E164, E164_MESSAGE).nullable();
export const labelsSchema = z
  .array(z.string().trim().min(1, "A label cannot be empty.").max(40, "Labels are at most 40 characters.").regex(/^[^,]+$/, "Labels cannot contain commas."))
  .max(20, "At most 20 labels.")
  .refine((l) => new Set(l).size === l.length, "A label is listed twice.");
export const descriptionSchema = z.string().max(2000, "At most 2000 characters.").nullable();
export const campaignVariablesSchema = z.record(variableKeySchema, variableValueSchema);

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
export const voicemailDetectionInputSchema = z
  .strictObject(voicemailShape)
  .superRefine((v, ctx) => checkVoicemailTimeouts(v, ctx, []));
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
  caller_id: phoneSchema,
  source: phoneSchema,
  labels: labelsSchema,
  description: descriptionSchema,
  campaign_variables: campaignVariablesSchema,
};

/**
 * The PATCH body: only the fields that changed, plus the `updated_at` the editor loaded.
 * Unknown keys are refused (webhooks, target filters... are not editable here and a client
 * must not be able to wipe them by accident).
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
    caller_id: scheduleShape.caller_id.optional(),
    source: scheduleShape.source.optional(),
    labels: scheduleShape.labels.optional(),
    description: scheduleShape.description.optional(),
    campaign_variables: scheduleShape.campaign_variables.optional(),
    voicemail_detection: voicemailDetectionPatchSchema.nullable().optional(),
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

/** DELETE /api/campaigns/{id}: `?force=true` or `{"confirm_active_batches": true}` acknowledges active batches. */
export const campaignDeleteBodySchema = z.object({ confirm_active_batches: z.boolean().optional() }).loose();

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

// Campaign modes and the campaign editors' fields as plain values, without zod (lib/schemas/campaigns.ts
// re-exports them), so list filters and the detail page do not load the schema library.

export const CAMPAIGN_MODES = ["voice", "sms", "email"] as const;
export const VOICEMAIL_MODES = ["v1", "v2"] as const;
/** Syllable's line-type buckets a campaign can be restricted to (LineTypeBucket). */
export const LINE_TYPE_BUCKETS = ["mobile", "landline", "voip"] as const;
/** Target-filter operators (FilterOp); the last two take no values. */
export const FILTER_OPS = ["in", "not_in", "eq", "neq", "exists", "not_exists"] as const;
/** Methods Syllable sends webhooks with. */
export const WEBHOOK_METHODS = ["POST", "PUT", "PATCH"] as const;

// Each editor on the campaign page is one of these groups, saved through the same safe update.
/** Schedule & pacing. */
export const SCHEDULE_FIELDS = [
  "daily_start_time",
  "daily_end_time",
  "active_days",
  "hourly_rate",
  "max_daily_calls",
  "retry_count",
  "retry_interval",
] as const;
/** Details: what the campaign is and who it calls as. */
export const DETAIL_FIELDS = ["description", "labels", "caller_id", "source", "sms_session_ttl"] as const;
/** Targeting: which numbers are dialed (admins). */
export const TARGETING_FIELDS = ["allowed_line_types", "include_unknown_line_types", "target_filters"] as const;

/** Fields a manager may change. */
export const MANAGER_FIELDS = [...SCHEDULE_FIELDS, ...DETAIL_FIELDS, "campaign_variables"] as const;
/** Fields only an admin may change: they decide who is called and where contact data is sent. */
export const ADMIN_ONLY_FIELDS = ["voicemail_detection", "webhooks", ...TARGETING_FIELDS] as const;
/** Every field a PATCH may carry. */
export const PATCHABLE_FIELDS = [...MANAGER_FIELDS, ...ADMIN_ONLY_FIELDS] as const;
export type PatchableField = (typeof PATCHABLE_FIELDS)[number];
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

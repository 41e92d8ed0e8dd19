// Campaign modes and the schedule form's fields as plain values, without zod (lib/schemas/campaigns.ts
// re-exports them), so list filters and the detail page do not load the schema library.

export const CAMPAIGN_MODES = ["voice", "sms", "email"] as const;
export const VOICEMAIL_MODES = ["v1", "v2"] as const;

/** The campaign fields a manager may change through the schedule & pacing form. */
export const SCHEDULE_FIELDS = [
  "daily_start_time",
  "daily_end_time",
  "active_days",
  "hourly_rate",
  "max_daily_calls",
  "retry_count",
  "retry_interval",
  "caller_id",
  "source",
  "labels",
  "description",
  "campaign_variables",
] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

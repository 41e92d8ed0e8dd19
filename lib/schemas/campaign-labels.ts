// How campaign fields are named to people (conflicts, "did not stick" warnings, the detail page).

/** A campaign field's name on screen. */
export const FIELD_LABELS: Record<string, string> = {
  campaign_name: "Name",
  description: "Description",
  mode: "Mode",
  daily_start_time: "Daily start time",
  daily_end_time: "Daily end time",
  active_days: "Active days",
  hourly_rate: "Hourly rate",
  max_daily_calls: "Max daily calls",
  retry_count: "Retries",
  retry_interval: "Retry interval",
  caller_id: "Caller ID",
  source: "Source",
  labels: "Labels",
  label: "Label (deprecated)",
  campaign_variables: "Campaign variables",
  voicemail_detection: "Voicemail detection",
  webhooks: "Webhooks",
  target_filters: "Target filters",
  allowed_line_types: "Allowed line types",
  include_unknown_line_types: "Include unknown line types",
  sms_session_ttl: "SMS session TTL",
};

import "./zod-config";
import { z } from "zod";

// Tolerant schemas for what Syllable answers. The live API adds fields and status values before
// its docs do, so objects pass unknown keys through (z.looseObject) and statuses are plain
// strings with the known values listed for display only. Parse upstream with these; never crash
// on something new.

export {
  BATCH_PROPERTIES,
  BATCH_STATUSES,
  CAMPAIGN_PROPERTIES,
  CHANNEL_MANAGER_STATUSES,
  DAYS_OF_WEEK,
  INSIGHTS_STATUSES,
  REQUEST_STATUSES,
  type DayOfWeek,
} from "@/lib/domain/syllable-values";

const nullableString = z.string().nullish();

export const batchSchema = z.looseObject({
  batch_id: z.string(),
  campaign_id: z.number().int(),
  expires_on: nullableString,
  paused: z.boolean().nullish(),
  call_rate: z.number().int().nullish(),
  /** Auto pacing (2026-08): Syllable derives the rate to finish before expires_on. */
  auto_call_rate: z.boolean().nullish(),
  /** The first auto-paced rate (calls/hour); later cycles stay within ±20% of it. */
  auto_call_rate_baseline: z.number().nullish(),
  status: z.string().nullish(),
  upload_filename: nullableString,
  dispatch_id: nullableString,
  created_at: nullableString,
  deleted_at: nullableString,
  deleted_reason: nullableString,
  last_updated_at: nullableString,
  last_updated_by: z.string().nullish(),
  error_message: nullableString,
});
export type Batch = z.infer<typeof batchSchema>;

export const requestStatusBreakdownSchema = z.looseObject({
  total_count: z.number().int(),
  counts: z.record(z.string(), z.number().int()).nullish(),
});

export const batchDetailsSchema = batchSchema.extend({
  status_counts: z.record(z.string(), z.number().int()).nullish(),
  detailed_status_counts: z.record(z.string(), requestStatusBreakdownSchema).nullish(),
});
export type BatchDetails = z.infer<typeof batchDetailsSchema>;

export const requestResultSchema = z.looseObject({
  reference_id: z.string(),
  target: z.string(),
  request_variables: z.record(z.string(), z.unknown()).nullish(),
  channel_manager_sid: nullableString,
  created_at: nullableString,
  sent_at: nullableString,
  attempt_count: z.number().int().nullish(),
  session_id: z.number().int().nullish(),
  conversation_id: z.number().int().nullish(),
  request_status: z.string().nullish(),
  channel_manager_status: nullableString,
  insights_status: nullableString,
  insights: z.record(z.string(), z.unknown()).nullish(),
  line_type: nullableString,
});
export type RequestResult = z.infer<typeof requestResultSchema>;

export const voicemailDetectionSchema = z.looseObject({
  mode: z.string().nullish(),
  voicemail_detection_overall_timeout: z.number().nullish(),
  voicemail_detection_pre_speech_timeout: z.number().nullish(),
  voicemail_detection_post_speech_timeout: z.number().nullish(),
  voicemail_detection_speech_threshold: z.number().nullish(),
  voicemail_detection_v2_pre_speech_timeout: z.number().nullish(),
});
export type VoicemailDetection = z.infer<typeof voicemailDetectionSchema>;

export const targetFiltersSchema = z.looseObject({
  match: z.string().nullish(),
  on_unknown: z.string().nullish(),
  rules: z.array(z.looseObject({ field: z.string(), op: z.string(), values: z.array(z.string()).nullish() })).nullish(),
});

export const webhookSchema = z.looseObject({
  id: z.number().int(),
  url: z.string(),
  request_method: z.string(),
  trigger_statuses: z.array(z.string()),
  auth_value_keys: z.array(z.string()).nullish(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const campaignSchema = z.looseObject({
  id: z.number().int(),
  campaign_name: z.string(),
  description: nullableString,
  mode: nullableString,
  sms_session_ttl: z.number().int().nullish(),
  label: nullableString,
  labels: z.array(z.string()).nullish(),
  campaign_variables: z.record(z.string(), z.string()).nullish(),
  daily_start_time: nullableString,
  daily_end_time: nullableString,
  source: nullableString,
  caller_id: z.union([z.string(), z.number()]).nullish(),
  hourly_rate: z.number().int().nullish(),
  max_daily_calls: z.number().int().nullish(),
  retry_count: z.number().int().nullish(),
  retry_interval: nullableString,
  active_days: z.array(z.string()).nullish(),
  voicemail_detection: voicemailDetectionSchema.nullish(),
  allowed_line_types: z.array(z.string()).nullish(),
  include_unknown_line_types: z.boolean().nullish(),
  target_filters: targetFiltersSchema.nullish(),
  agent_id: z.union([z.number(), z.string()]).nullish(),
  created_at: nullableString,
  updated_at: nullableString,
  last_updated_by: z.string().nullish(),
  webhooks: z.array(webhookSchema).nullish(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** Syllable's paged list envelope. */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    page: z.number().int(),
    page_size: z.number().int(),
    total_pages: z.number().int().nullish(),
    total_count: z.number().int().nullish(),
  });
}
export type ListResponse<T> = {
  items: T[];
  page: number;
  page_size: number;
  total_pages?: number | null;
  total_count?: number | null;
};

/** The input form of a webhook for a campaign PUT (auth_values: key → secret, or null to keep it). */
export type WebhookInput = {
  id?: number | null;
  url: string;
  request_method: string;
  trigger_statuses: string[];
  auth_values?: Record<string, string | null> | null;
};

/** What Syllable takes on campaign POST and (full-replacement) PUT. Unknown keys pass through. */
export type CampaignInput = {
  campaign_name: string;
  campaign_variables: Record<string, string>;
  caller_id: string | null;
  active_days: string[];
  webhooks?: WebhookInput[];
  [key: string]: unknown;
};

export type BatchInput = {
  batch_id: string;
  campaign_id: number;
  expires_on?: string | null;
  paused?: boolean | null;
  call_rate?: number | null;
  auto_call_rate?: boolean;
};

export type BatchUpdate = {
  paused?: boolean | null;
  expires_on?: string | null;
  call_rate?: number | null;
  auto_call_rate?: boolean | null;
};

export type RequestInput = {
  reference_id: string;
  target: string;
  request_variables: Record<string, string>;
};

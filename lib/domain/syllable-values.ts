// Syllable's enumerations and property names as plain values, without zod: client components
// import them for filters and labels without pulling the schema library into the page's first
// load (lib/schemas/syllable.ts re-exports them for the schemas and the server).

export const BATCH_STATUSES = ["PENDING", "ACTIVE", "PAUSED", "FAILED", "CANCELED", "EXPIRED"] as const;
/** Batch statuses after which nothing is dialed again (COMPLETED is what some of Syllable's answers say): pause, resume and expiry mean nothing there. */
export const FINAL_BATCH_STATUSES: ReadonlySet<string> = new Set(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);
export const REQUEST_STATUSES = ["PENDING", "DUPLICATE", "INITIATED", "CONNECTED", "COMPLETED", "FAILED", "CANCELED", "INVALID", "SKIPPED"] as const;
export const INSIGHTS_STATUSES = ["PENDING", "PROCESSING", "COMPLETED", "FAILED"] as const;
export const DAYS_OF_WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];
/**
 * Syllable's channel-manager statuses (carrier outcomes), as its API description lists them: the
 * choices for webhook triggers. Outcomes arrive as free strings (new ones appear before docs do).
 */
export const CHANNEL_MANAGER_STATUSES = [
  "PENDING",
  "DUPLICATE",
  "INVALID",
  "UNEXPECTED_ERROR",
  "FILTERED_LINE_TYPE",
  "PROCESSED",
  "DROPPED",
  "DEFERRED",
  "BOUNCED",
  "DELIVERED",
  "OPENED",
  "CLICKED",
  "SPAM_REPORT",
  "UNSUBSCRIBED",
  "PRIOR_UNSUBSCRIBED",
  "PRIOR_SPAM_REPORT",
  "PRIOR_DROPPED",
  "PRIOR_BOUNCED",
  "SENT",
  "ACCEPTED",
  "QUEUED",
  "SENDING",
  "UNDELIVERED",
  "DELIVERY_UNKNOWN",
  "DELIVERY_FAILED",
  "IN-PROGRESS",
  "BUSY",
  "CANCELED",
  "COMPLETED",
  "DECLINED",
  "NO-ANSWER",
  "MACHINE",
  "HUMAN",
  "UNKNOWN",
  "FAILED",
  "SIP_NOT_FOUND",
  "SIP_TEMPORARILY_UNAVAILABLE",
  "SIP_LOOP_DETECTED",
  "SIP_DOES_NOT_EXIST_ANYWHERE",
  "NO_OUTCOME",
] as const;

export const BATCH_PROPERTIES = ["batch_id", "campaign_id", "status", "expires_on", "last_updated_at"] as const;
export const CAMPAIGN_PROPERTIES = [
  "id",
  "campaign_name",
  "campaign_variables",
  "daily_start_time",
  "daily_end_time",
  "source",
  "mode",
  "caller_id",
  "updated_at",
  "label",
  "labels",
  "voicemail_detection",
] as const;

import "./zod-config";
import { z } from "zod";
import { GROUP_BY, METRIC_DEFINITIONS, METRICS } from "@/lib/domain/report-metrics";
import { timeZoneSchema } from "./schedule";

// GET /api/reports/outcomes (and .csv): outcome metrics from the stored results, by day, hour,
// hour of the week, campaign, batch or line type (lib/server/reports).

/** The longest range a report covers. */
export const MAX_REPORT_DAYS = 90;

const dateOrInstant = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, { error: "A date (2026-07-01) or a date and time with its offset" })
  .refine((v) => Number.isFinite(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)), { error: "Not a real date" });

export const outcomeReportQuerySchema = z.object({
  from: dateOrInstant.optional().describe("first day (in tz) or instant; default: 6 days before to"),
  to: dateOrInstant.optional().describe("last day (in tz, included) or instant (excluded); default: today"),
  group_by: z.enum(GROUP_BY, { error: `One of ${GROUP_BY.join(", ")}` }).default("day"),
  tz: timeZoneSchema.default("UTC").describe("the zone days and hours are counted in"),
  campaign_id: z.coerce.number({ error: "A campaign id" }).int().positive({ error: "A campaign id" }).optional(),
  batch_id: z.string().trim().min(1).max(100).optional(),
});
export type OutcomeReportQuery = z.infer<typeof outcomeReportQuerySchema>;

const metricFields = Object.fromEntries(METRICS.map((m) => [m, z.number().int().describe(METRIC_DEFINITIONS[m])])) as Record<
  (typeof METRICS)[number],
  z.ZodNumber
>;
const figures = z.object({
  ...metricFields,
  contact_rate: z.number().nullable().describe(METRIC_DEFINITIONS.contact_rate),
  attempts_per_request: z.number().nullable().describe(METRIC_DEFINITIONS.attempts_per_request),
});

export const outcomeReportSchema = z.object({
  from: z.string().describe("the range's start, as an instant"),
  to: z.string().describe("the range's end (excluded)"),
  tz: z.string(),
  group_by: z.enum(GROUP_BY),
  rows: z.array(figures.extend({ key: z.string(), label: z.string().nullable().describe("a campaign's name") })),
  totals: figures,
});
export type OutcomeReport = z.infer<typeof outcomeReportSchema>;
export type OutcomeFigures = z.infer<typeof figures>;

// The campaign forms' own shapes and the mapping between them and a campaign / a PATCH (the wire
// rules themselves are in ./campaigns, shared with the handlers).
import "./zod-config";
import { z } from "zod";
import { endAfterStart, normaliseTime, SCHEDULE_FIELDS, scheduleShape, voicemailDetectionInputSchema, type CampaignPatch } from "./campaigns";
import { variableKeySchema, variableValueSchema } from "./fields";
import { DAYS_OF_WEEK, type Campaign } from "./syllable";

/** Key/value rows for campaign variables in the form; converted with rowsToVariables. */
export const variableRowsSchema = z
  .array(z.object({ key: variableKeySchema, value: variableValueSchema }))
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      if (seen.has(r.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: "This name is used twice." });
      seen.add(r.key);
    });
  });
export type VariableRow = z.infer<typeof variableRowsSchema>[number];

/** The schedule & pacing form: the same field rules as the PATCH, with variables as rows. */
export const scheduleFormSchema = z
  .object({ ...scheduleShape, campaign_variables: variableRowsSchema })
  .refine(...endAfterStart);
export type ScheduleFormValues = z.infer<typeof scheduleFormSchema>;

export function rowsToVariables(rows: VariableRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** The form's starting values from a campaign (times as HH:MM for <input type="time">). */
export function scheduleFormDefaults(c: Campaign): ScheduleFormValues {
  const hhmm = (t: string | null | undefined) => normaliseTime(t)?.slice(0, 5) ?? "";
  return {
    daily_start_time: hhmm(c.daily_start_time),
    daily_end_time: hhmm(c.daily_end_time),
    active_days: (c.active_days ?? []).filter((d): d is (typeof DAYS_OF_WEEK)[number] => (DAYS_OF_WEEK as readonly string[]).includes(d)),
    hourly_rate: c.hourly_rate ?? 1,
    max_daily_calls: c.max_daily_calls ?? null,
    retry_count: c.retry_count ?? 0,
    retry_interval: c.retry_interval ?? null,
    caller_id: c.caller_id == null ? null : String(c.caller_id),
    source: c.source ?? null,
    labels: c.labels ?? [],
    description: c.description ?? null,
    campaign_variables: Object.entries(c.campaign_variables ?? {}).map(([key, value]) => ({ key, value })),
  };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The PATCH fields that differ between the form's starting values and what was submitted. */
export function schedulePatchFrom(initial: ScheduleFormValues, values: ScheduleFormValues): Partial<Omit<CampaignPatch, "expected_updated_at">> {
  const patch: Record<string, unknown> = {};
  for (const f of SCHEDULE_FIELDS) {
    if (f === "campaign_variables") {
      const next = rowsToVariables(values.campaign_variables);
      const prev = rowsToVariables(initial.campaign_variables);
      const sortedJson = (r: Record<string, string>) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
      if (sortedJson(next) !== sortedJson(prev)) patch[f] = next;
    } else if (f === "daily_start_time" || f === "daily_end_time") {
      if (normaliseTime(values[f]) !== normaliseTime(initial[f])) patch[f] = values[f];
    } else if (!sameJson(values[f], initial[f])) {
      patch[f] = values[f];
    }
  }
  return patch as Partial<Omit<CampaignPatch, "expected_updated_at">>;
}

// ---- the voicemail detection form (admins) ----

export const voicemailFormSchema = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(false) }),
  z.object({ enabled: z.literal(true), voicemail_detection: voicemailDetectionInputSchema }),
]);
export type VoicemailFormValues = z.infer<typeof voicemailFormSchema>;

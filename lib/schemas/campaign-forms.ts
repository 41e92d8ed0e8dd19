// The campaign forms' own shapes and the mapping between them and a campaign / a PATCH (the wire
// rules themselves are in ./campaigns, shared with the handlers).
import "./zod-config";
import { z } from "zod";
import { LINE_TYPE_BUCKETS } from "@/lib/domain/campaign-fields";
import {
  DETAIL_FIELDS,
  detailShape,
  endAfterStart,
  HMAC_SECRET_MESSAGE,
  isHmacSecret,
  normaliseTime,
  SCHEDULE_FIELDS,
  scheduleShape,
  targetFilterRuleSchema,
  voicemailDetectionInputSchema,
  webhookPatchSchema,
  webhookUrlSchema,
  type CampaignPatch,
  type TargetFiltersInput,
  type WebhookPatch,
} from "./campaigns";
import { variableKeySchema, variableValueSchema } from "./fields";
import { DAYS_OF_WEEK, type Campaign } from "./syllable";

/** Key/value rows for campaign variables in the form; converted with rowsToVariables. */
export const variableRowsSchema = z.array(z.object({ key: variableKeySchema, value: variableValueSchema })).superRefine((rows, ctx) => {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (seen.has(r.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: "This name is used twice." });
    seen.add(r.key);
  });
});
export type VariableRow = z.infer<typeof variableRowsSchema>[number];

export function rowsToVariables(rows: VariableRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

type Changes = Partial<Omit<CampaignPatch, "expected_updated_at">>;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const hhmm = (t: string | null | undefined) => normaliseTime(t)?.slice(0, 5) ?? "";

// ---- schedule & pacing ----

export const scheduleFormSchema = z.object(scheduleShape).refine(...endAfterStart);
export type ScheduleFormValues = z.infer<typeof scheduleFormSchema>;

/** The form's starting values from a campaign (times as HH:MM). */
export function scheduleFormDefaults(c: Campaign): ScheduleFormValues {
  return {
    daily_start_time: hhmm(c.daily_start_time),
    daily_end_time: hhmm(c.daily_end_time),
    active_days: (c.active_days ?? []).filter((d): d is (typeof DAYS_OF_WEEK)[number] => (DAYS_OF_WEEK as readonly string[]).includes(d)),
    hourly_rate: c.hourly_rate ?? 1,
    max_daily_calls: c.max_daily_calls ?? null,
    retry_count: c.retry_count ?? 0,
    retry_interval: c.retry_interval ?? null,
  };
}

/** The PATCH fields that differ between the form's starting values and what was submitted. */
export function schedulePatchFrom(initial: ScheduleFormValues, values: ScheduleFormValues): Changes {
  const patch: Record<string, unknown> = {};
  for (const f of SCHEDULE_FIELDS) {
    const same = f === "daily_start_time" || f === "daily_end_time" ? normaliseTime(values[f]) === normaliseTime(initial[f]) : sameJson(values[f], initial[f]);
    if (!same) patch[f] = values[f];
  }
  return patch;
}

// ---- details: description, labels, caller id, source, SMS session TTL ----

export const detailsFormSchema = z.object(detailShape);
export type DetailsFormValues = z.infer<typeof detailsFormSchema>;

export function detailsFormDefaults(c: Campaign): DetailsFormValues {
  return {
    description: c.description ?? null,
    labels: c.labels ?? [],
    caller_id: c.caller_id == null ? null : String(c.caller_id),
    source: c.source ?? null,
    sms_session_ttl: c.sms_session_ttl ?? null,
  };
}

export function detailsPatchFrom(initial: DetailsFormValues, values: DetailsFormValues): Changes {
  return Object.fromEntries(DETAIL_FIELDS.filter((f) => !sameJson(values[f], initial[f])).map((f) => [f, values[f]]));
}

// ---- campaign variables ----

export const variablesFormSchema = z.object({ campaign_variables: variableRowsSchema });
export type VariablesFormValues = z.infer<typeof variablesFormSchema>;

export const variablesFormDefaults = (c: Campaign): VariablesFormValues => ({
  campaign_variables: Object.entries(c.campaign_variables ?? {}).map(([key, value]) => ({ key, value })),
});

export function variablesPatchFrom(initial: VariablesFormValues, values: VariablesFormValues): Changes {
  const sorted = (rows: VariableRow[]) => JSON.stringify(Object.entries(rowsToVariables(rows)).sort(([a], [b]) => a.localeCompare(b)));
  return sorted(values.campaign_variables) === sorted(initial.campaign_variables) ? {} : { campaign_variables: rowsToVariables(values.campaign_variables) };
}

// ---- webhooks (admins) ----

export const SECRET_ACTIONS = ["keep", "replace", "remove"] as const;
const webhookRowSchema = z
  .object({
    id: z.number().int().optional(),
    url: webhookUrlSchema,
    request_method: webhookPatchSchema.shape.request_method,
    trigger_statuses: webhookPatchSchema.shape.trigger_statuses,
    /** Whether Syllable holds a secret for it now (from auth_value_keys): decides what "keep" means. */
    has_secret: z.boolean(),
    secret_action: z.enum(SECRET_ACTIONS),
    /** Only read when replacing; never filled from the server. */
    secret_value: z.string(),
  })
  .superRefine((w, ctx) => {
    if (w.secret_action === "replace" && !isHmacSecret(w.secret_value.trim())) {
      ctx.addIssue({ code: "custom", path: ["secret_value"], message: w.secret_value.trim() ? HMAC_SECRET_MESSAGE : "Enter the new secret, or generate one." });
    }
  });
export const webhooksFormSchema = z.object({ webhooks: z.array(webhookRowSchema).max(20, "At most 20 webhooks.") });
export type WebhooksFormValues = z.infer<typeof webhooksFormSchema>;
export type WebhookRow = WebhooksFormValues["webhooks"][number];

export const newWebhookRow = (): WebhookRow => ({
  url: "",
  request_method: "POST",
  trigger_statuses: ["COMPLETED"],
  has_secret: false,
  secret_action: "keep",
  secret_value: "",
});

export const webhooksFormDefaults = (c: Campaign): WebhooksFormValues => ({
  webhooks: (c.webhooks ?? []).map((w) => ({
    id: w.id,
    url: w.url,
    // Anything else Syllable holds shows up as an error in the form, not as a silent change.
    request_method: w.request_method as WebhookRow["request_method"],
    trigger_statuses: [...w.trigger_statuses] as WebhookRow["trigger_statuses"],
    has_secret: (w.auth_value_keys ?? []).includes("hmac_secret"),
    secret_action: "keep",
    secret_value: "",
  })),
});

/** The complete list for the PATCH, or nothing when no webhook changed (and no secret is being replaced or removed). */
export function webhooksPatchFrom(initial: WebhooksFormValues, values: WebhooksFormValues): Changes {
  const plain = (rows: WebhookRow[]) =>
    rows.map((w) => ({
      id: w.id,
      url: w.url.trim(),
      m: w.request_method,
      t: [...w.trigger_statuses].sort(),
      s: w.has_secret ? w.secret_action : w.secret_action === "replace" ? "replace" : "keep",
    }));
  if (sameJson(plain(values.webhooks), plain(initial.webhooks)) && !values.webhooks.some((w) => w.secret_action === "replace")) return {};
  const webhooks: WebhookPatch[] = values.webhooks.map((w) => ({
    ...(w.id === undefined ? {} : { id: w.id }),
    url: w.url.trim(),
    request_method: w.request_method,
    trigger_statuses: w.trigger_statuses,
    hmac_secret:
      w.secret_action === "replace"
        ? { action: "replace", value: w.secret_value.trim() }
        : w.secret_action === "remove" && w.has_secret
          ? { action: "remove" }
          : { action: "keep" },
  }));
  return { webhooks };
}

// ---- targeting (admins) ----

const ruleRowSchema = z
  .object({
    field: targetFilterRuleSchema.shape.field,
    op: targetFilterRuleSchema.shape.op,
    /** One value per line: carrier names contain commas ("Onvoy, LLC - Sinch"). */
    values_text: z.string().max(20_000, "Too many values."),
  })
  .superRefine((r, ctx) => {
    const parsed = targetFilterRuleSchema.safeParse({ field: r.field, op: r.op, values: linesOf(r.values_text) });
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      if (issue.path[0] === "values") ctx.addIssue({ code: "custom", path: ["values_text"], message: issue.message });
    }
  });
export const targetingFormSchema = z.object({
  allowed_line_types: z.array(z.enum(LINE_TYPE_BUCKETS)),
  include_unknown_line_types: z.boolean(),
  use_filters: z.boolean(),
  match: z.enum(["all", "any"]),
  on_unknown: z.enum(["include", "exclude"]),
  rules: z.array(ruleRowSchema).max(50, "At most 50 rules."),
});
export type TargetingFormValues = z.infer<typeof targetingFormSchema>;
export type RuleRow = TargetingFormValues["rules"][number];

export const linesOf = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export function targetingFormDefaults(c: Campaign): TargetingFormValues {
  const tf = c.target_filters;
  return {
    allowed_line_types: (c.allowed_line_types ?? []).filter((t): t is (typeof LINE_TYPE_BUCKETS)[number] =>
      (LINE_TYPE_BUCKETS as readonly string[]).includes(t),
    ),
    include_unknown_line_types: c.include_unknown_line_types !== false,
    use_filters: !!tf,
    match: tf?.match === "any" ? "any" : "all",
    on_unknown: tf?.on_unknown === "exclude" ? "exclude" : "include",
    rules: (tf?.rules ?? []).map((r) => ({ field: r.field, op: (r.op as RuleRow["op"]) ?? "in", values_text: (r.values ?? []).join("\n") })),
  };
}

function targetFiltersFrom(v: TargetingFormValues): TargetFiltersInput {
  return v.use_filters
    ? {
        match: v.match,
        on_unknown: v.on_unknown,
        rules: v.rules.map((r) => ({ field: r.field.trim(), op: r.op, values: /exists/.test(r.op) ? [] : linesOf(r.values_text) })),
      }
    : null;
}

export function targetingPatchFrom(initial: TargetingFormValues, values: TargetingFormValues): Changes {
  const patch: Changes = {};
  if (!sameJson([...values.allowed_line_types].sort(), [...initial.allowed_line_types].sort()))
    patch.allowed_line_types = values.allowed_line_types.length ? values.allowed_line_types : null;
  if (values.include_unknown_line_types !== initial.include_unknown_line_types) patch.include_unknown_line_types = values.include_unknown_line_types;
  const next = targetFiltersFrom(values);
  if (!sameJson(next, targetFiltersFrom(initial))) patch.target_filters = next;
  return patch;
}

// ---- the voicemail detection form (admins) ----

export const voicemailFormSchema = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(false) }),
  z.object({ enabled: z.literal(true), voicemail_detection: voicemailDetectionInputSchema }),
]);
export type VoicemailFormValues = z.infer<typeof voicemailFormSchema>;

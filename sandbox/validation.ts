// Input validation that answers like FastAPI/pydantic v2 (422 {"detail":[{loc,msg,type}]}),
// because the console maps upstream 422s back onto form fields by `loc`.
import { CHANNEL_MANAGER_STATUSES, DAYS_OF_WEEK } from "../lib/domain/syllable-values";
import { z } from "zod";

export type Loc = (string | number)[];
export interface FastApiError {
  loc: Loc;
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/** Thrown anywhere in a handler; the app's error handler turns it into a 422. */
export class ValidationFailure extends Error {
  constructor(public readonly errors: FastApiError[]) {
    super("validation failed");
  }
}

/** Thrown for non-validation errors answered as `{"detail": "..."}`. */
export class HttpError extends Error {
  constructor(
    public readonly status: 401 | 404 | 409 | 500 | 503,
    public readonly detail: string,
  ) {
    super(detail);
  }
}

export function fail(loc: Loc, type: string, msg: string, ctx?: Record<string, unknown>): never {
  throw new ValidationFailure([{ loc, msg, type, ...(ctx ? { ctx } : {}) }]);
}

export function valueError(loc: Loc, msg: string): never {
  return fail(loc, "value_error", `Value error, ${msg}`);
}

function getAt(data: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function quoteList(values: readonly unknown[]): string {
  const quoted = values.map((v) => `'${String(v)}'`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** Maps zod issues onto pydantic error types/messages; `prefix` is "body", "query"... */
export function zodToFastApi(error: z.ZodError, data: unknown, prefix: Loc): FastApiError[] {
  return error.issues.map((issue) => {
    const path = issue.path as (string | number)[];
    const loc: Loc = [...prefix, ...path];
    const value = getAt(data, path);
    switch (issue.code) {
      case "invalid_type": {
        if (value === undefined) return { loc, msg: "Field required", type: "missing" };
        switch (issue.expected) {
          case "int":
            return typeof value === "number"
              ? { loc, msg: "Input should be a valid integer, got a number with a fractional part", type: "int_from_float" }
              : { loc, msg: "Input should be a valid integer", type: "int_type" };
          case "number":
            return { loc, msg: "Input should be a valid number", type: "float_type" };
          case "string":
            return { loc, msg: "Input should be a valid string", type: "string_type" };
          case "boolean":
            return { loc, msg: "Input should be a valid boolean", type: "bool_type" };
          case "array":
            return { loc, msg: "Input should be a valid list", type: "list_type" };
          case "record":
            return { loc, msg: "Input should be a valid dictionary", type: "dict_type" };
          case "object":
            return { loc, msg: "Input should be a valid dictionary or object to extract fields from", type: "model_attributes_type" };
          default:
            return { loc, msg: `Input should be a valid ${issue.expected}`, type: `${issue.expected}_type` };
        }
      }
      case "too_small":
        return {
          loc,
          msg: `Input should be greater than or equal to ${String(issue.minimum)}`,
          type: "greater_than_equal",
          ctx: { ge: issue.minimum },
        };
      case "too_big":
        return {
          loc,
          msg: `Input should be less than or equal to ${String(issue.maximum)}`,
          type: "less_than_equal",
          ctx: { le: issue.maximum },
        };
      case "invalid_value":
        return { loc, msg: `Input should be ${quoteList(issue.values)}`, type: "enum", ctx: { expected: quoteList(issue.values) } };
      case "custom": {
        const type = (issue.params as { type?: string } | undefined)?.type ?? "value_error";
        return { loc, msg: type === "value_error" ? `Value error, ${issue.message}` : issue.message, type };
      }
      default:
        return { loc, msg: issue.message, type: "value_error" };
    }
  });
}

/** Parses `data` with `schema` or throws a ValidationFailure with body-style locs. */
export function parseBody<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  if (data === undefined) fail(["body"], "missing", "Field required");
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationFailure(zodToFastApi(result.error, data, ["body"]));
  return result.data;
}

/** Reads a JSON request body; malformed JSON answers like FastAPI (json_invalid at the byte offset). */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : "invalid JSON";
    const pos = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return fail(["body", pos], "json_invalid", "JSON decode error", { error: message });
  }
}

// ---- scalar helpers shared by schemas and query parsing ----

/** ISO-8601 date-time (a naive value is taken as UTC), normalised to toISOString(). */
export function parseDateTime(value: string): string | null {
  const s = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.length > 10;
  const ms = Date.parse(hasZone ? s : s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(" ", "T")}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const dateTime = z
  .string()
  .refine((v) => parseDateTime(v) !== null, { message: "Input should be a valid datetime", params: { type: "datetime_parsing" } })
  .transform((v) => parseDateTime(v) as string);

/**
 * A pydantic-style strict integer: zod reports a string for z.int() as "expected number", which
 * would lose the int_type/int_from_float distinction the console relies on.
 */
export function int(bounds: { ge?: number; le?: number } = {}) {
  return z.unknown().transform((v, ctx): number => {
    const issue = (type: string, message: string): never => {
      ctx.addIssue({ code: "custom", message, params: { type } });
      return z.NEVER;
    };
    if (v === undefined) return issue("missing", "Field required");
    if (typeof v !== "number") return issue("int_type", "Input should be a valid integer");
    if (!Number.isInteger(v)) return issue("int_from_float", "Input should be a valid integer, got a number with a fractional part");
    if (bounds.ge !== undefined && v < bounds.ge) return issue("greater_than_equal", `Input should be greater than or equal to ${bounds.ge}`);
    if (bounds.le !== undefined && v > bounds.le) return issue("less_than_equal", `Input should be less than or equal to ${bounds.le}`);
    return v;
  });
}

const rate = int({ ge: 1, le: 3600 });

/** "HH:MM" or "HH:MM:SS" → "HH:MM:SS". */
export function normaliseTime(value: string): string | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? "0")];
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${m[1]}:${m[2]}:${m[3] ?? "00"}`;
}

const dailyTime = z
  .string()
  .refine((v) => normaliseTime(v) !== null, { message: "time must be HH:MM or HH:MM:SS", params: { type: "value_error" } })
  .transform((v) => normaliseTime(v) as string);

/** "30m" / "12h" / "7d" → milliseconds. */
export function retryIntervalMs(value: string | null | undefined): number {
  const m = /^(\d+)([mhd])$/.exec(value ?? "30m");
  if (!m) return 30 * 60_000;
  const unit = m[2] === "m" ? 60_000 : m[2] === "h" ? 3_600_000 : 86_400_000;
  return Number(m[1]) * unit;
}

function isHmacSecret(value: string): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const bytes = Buffer.from(value, "base64").length;
  return bytes >= 32 && bytes <= 512;
}

// ---- enums ----
// Syllable's published enumerations are facts about its API, not behaviour to re-implement: one
// list for the console and the sandbox, checked against Syllable's OpenAPI description
// (lib/schemas/syllable-2026-08.test.ts).
export { BATCH_PROPERTIES, BATCH_STATUSES, CAMPAIGN_PROPERTIES, CHANNEL_MANAGER_STATUSES } from "../lib/domain/syllable-values";
export const DAYS = DAYS_OF_WEEK;

// ---- body schemas (unknown top-level keys are stripped, as pydantic ignores them) ----

export const batchInputSchema = z.object({
  batch_id: z.string(),
  campaign_id: int(),
  expires_on: dateTime.nullable().optional(),
  paused: z.boolean().nullable().optional(),
  call_rate: rate.nullable().optional(),
  auto_call_rate: z.boolean().optional(),
});
export type BatchInput = z.infer<typeof batchInputSchema>;

export const batchUpdateSchema = z.object({
  paused: z.boolean().nullable().optional(),
  expires_on: dateTime.nullable().optional(),
  call_rate: rate.nullable().optional(),
  auto_call_rate: z.boolean().nullable().optional(),
});

export const communicationRequestSchema = z.object({
  reference_id: z.string(),
  target: z.string(),
  request_variables: z.record(z.string(), z.string()),
});

export const referenceIdsSchema = z.array(z.string());

const webhookInputSchema = z.object({
  trigger_statuses: z.array(z.enum(CHANNEL_MANAGER_STATUSES)),
  url: z.string(),
  request_method: z.string(),
  id: int().nullable().optional(),
  auth_values: z
    .record(
      z.string(),
      z
        .string()
        .refine(isHmacSecret, { message: "hmac_secret must be standard Base64 decoding to 32-512 bytes", params: { type: "value_error" } })
        .nullable(),
    )
    .refine((v) => Object.keys(v).every((k) => k === "hmac_secret"), {
      message: 'only the key "hmac_secret" is allowed in auth_values',
      params: { type: "value_error" },
    })
    .nullable()
    .optional(),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

const targetFiltersSchema = z.object({
  match: z.enum(["all", "any"]).default("all"),
  on_unknown: z.enum(["include", "exclude"]).default("include"),
  rules: z
    .array(
      z.object({
        field: z.string(),
        op: z.enum(["in", "not_in", "eq", "neq", "exists", "not_exists"]),
        values: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});
export type TargetFilters = z.infer<typeof targetFiltersSchema>;

// Unknown keys are kept: the real API stores voicemail_detection with extra='allow'.
const voicemailSchema = z.looseObject({
  mode: z.enum(["v1", "v2"]).nullable().optional(),
  voicemail_detection_overall_timeout: z.number().nullable().optional(),
  voicemail_detection_pre_speech_timeout: z.number().nullable().optional(),
  voicemail_detection_post_speech_timeout: z.number().nullable().optional(),
  voicemail_detection_speech_threshold: z.number().nullable().optional(),
  voicemail_detection_v2_pre_speech_timeout: z.number().nullable().optional(),
});

export const campaignInputSchema = z.object({
  campaign_name: z.string(),
  description: z.string().nullable().default(null),
  mode: z.string().nullable().default(null),
  sms_session_ttl: int().nullable().default(null),
  label: z.string().nullable().default(null),
  labels: z.array(z.string()).nullable().default(null),
  campaign_variables: z.record(z.string(), z.string()),
  daily_start_time: dailyTime.nullable().default(null),
  daily_end_time: dailyTime.nullable().default(null),
  source: z.string().nullable().default(null),
  caller_id: z.string().nullable(),
  hourly_rate: rate.default(1),
  max_daily_calls: int({ ge: 0 }).nullable().default(null),
  retry_count: int({ ge: 0 }).default(0),
  retry_interval: z
    .string()
    .refine((v) => /^\d+[mhd]$/.test(v), { message: "retry_interval must look like 30m, 12h or 7d", params: { type: "value_error" } })
    .nullable()
    .default(null),
  active_days: z.array(z.enum(DAYS)),
  voicemail_detection: voicemailSchema.nullable().default(null),
  allowed_line_types: z
    .array(z.enum(["mobile", "landline", "voip"]))
    .nullable()
    .default(null),
  include_unknown_line_types: z.boolean().default(true),
  target_filters: targetFiltersSchema.nullable().default(null),
  webhooks: z.array(webhookInputSchema).default([]),
});
export type CampaignInput = z.infer<typeof campaignInputSchema>;
/** What is stored in campaigns.data: the input minus webhooks (they have their own table). */
export type CampaignData = Omit<CampaignInput, "webhooks">;

// ---- query/path helpers ----

export function parseIntParam(raw: string, loc: Loc): number {
  if (!/^[+-]?\d+$/.test(raw.trim())) fail(loc, "int_parsing", "Input should be a valid integer, unable to parse string as an integer");
  return Number(raw.trim());
}

export function parseEnumParam<T extends string>(raw: string, values: readonly T[], loc: Loc): T {
  if (!(values as readonly string[]).includes(raw)) fail(loc, "enum", `Input should be ${quoteList(values)}`, { expected: quoteList(values) });
  return raw as T;
}

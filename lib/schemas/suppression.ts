import "./zod-config";
import { z } from "zod";
import { pagingParams } from "./paging";
import { reasonSchema, resultFilterFields } from "./fields";

// Suppression (do-not-call) lists: numbers the console never sends to Syllable (lib/server/suppression).

export const MAX_NUMBERS_PER_REQUEST = 10_000;
/** Invalid inputs named one by one in a report; beyond these only counted. */
export const MAX_INVALID_REPORTED = 1_000;
export const SUPPRESSION_SOURCES = ["manual", "import", "result opt-out", "api"] as const;

const name = z.string().trim().min(1, { error: "Give the list a name" }).max(100, { error: "At most 100 characters" });
const description = z.string().trim().max(500, { error: "At most 500 characters" });
const appliesTo = z.enum(["all", "assigned"], { error: 'Choose "all" (every campaign) or "assigned" (the campaigns it is assigned to)' });
const requiredReason = z
  .string({ error: "Give a reason (at least 3 characters)" })
  .trim()
  .min(3, { error: "Give a reason (at least 3 characters)" })
  .max(500, { error: "At most 500 characters" });
const campaignId = z.number({ error: "A campaign id" }).int().positive({ error: "A campaign id" });

export const suppressionListCreateSchema = z
  .object({ name, description: description.default(""), applies_to: appliesTo.default("assigned"), campaign_ids: z.array(campaignId).max(500).optional() })
  .strict();
export type SuppressionListCreate = z.infer<typeof suppressionListCreateSchema>;

export const suppressionListPatchSchema = z
  .object({ name: name.optional(), description: description.optional(), applies_to: appliesTo.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { error: "Nothing to change: send name, description or applies_to" });

/** Deleting a list or removing a number (admins): why, for the audit log. */
export const suppressionRemovalSchema = z.object({ reason: requiredReason }).strict();

/** Which results to take the numbers from: a batch and the results table's filter (a row: its reference_id). */
export const fromResultsSchema = z
  .object({
    batch_id: z.string().trim().min(1).max(200),
    ...resultFilterFields,
    channel_status: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  })
  .strict();

export const suppressionAddSchema = z
  .object({
    numbers: z
      .array(z.string().max(100, { error: "At most 100 characters" }), { error: "A list of phone numbers" })
      .max(MAX_NUMBERS_PER_REQUEST, { error: `At most ${MAX_NUMBERS_PER_REQUEST.toLocaleString("en-US")} numbers at once: import a CSV for more` })
      .optional(),
    from_results: fromResultsSchema.optional(),
    reason: reasonSchema.optional(),
    expires_at: z.iso.datetime({ offset: true, error: "A date and time, e.g. 2027-01-31T00:00:00Z" }).optional(),
    source: z.enum(["manual", "result opt-out"]).optional(),
  })
  .strict()
  .refine((v) => (v.numbers?.length ?? 0) > 0 || v.from_results, { path: ["numbers"], error: "Give at least one number" });
export type SuppressionAdd = z.infer<typeof suppressionAddSchema>;

export const suppressionImportQuerySchema = z.object({
  phone_column: z.string().trim().min(1).max(200).optional().describe("the column holding the numbers (default: the first of phone, number, target, …)"),
  expiry_column: z.string().trim().min(1).max(200).optional().describe("an optional column with each number's expiry"),
  reason: reasonSchema.optional(),
});

export const suppressionNumbersQuerySchema = z.object({
  ...pagingParams({ defaultLimit: 50, maxLimit: 500 }),
  q: z.string().trim().max(100).optional(),
});

export const campaignListsSchema = z
  .object({ list_ids: z.array(z.number({ error: "A list id" }).int().positive(), { error: "A list of list ids" }).max(200) })
  .strict();

export const suppressionCheckQuerySchema = z.object({
  number: z.string().trim().min(1, { error: "Give a number" }).max(100),
  campaign_id: z.coerce.number().int().positive().optional().describe("only the lists that apply to this campaign"),
});

/** POST /api/suppression/check: many numbers at once (the upload preview). */
export const suppressionCheckManySchema = z
  .object({
    numbers: z.array(z.string().max(100), { error: "A list of phone numbers" }).max(MAX_NUMBERS_PER_REQUEST, {
      error: `At most ${MAX_NUMBERS_PER_REQUEST.toLocaleString("en-US")} numbers at once`,
    }),
    campaign_id: z.number().int().positive().optional(),
  })
  .strict();

// Answers.
export const suppressionListSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  applies_to: z.enum(["all", "assigned"]),
  campaign_ids: z.array(z.number().int()),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  numbers: z.number().int().describe("entries kept"),
  active_numbers: z.number().int().describe("entries not expired"),
});
export type SuppressionListInfo = z.infer<typeof suppressionListSchema>;

export const suppressionEntrySchema = z.object({
  number: z.string(),
  reason: z.string(),
  source: z.enum(SUPPRESSION_SOURCES),
  added_by: z.string(),
  added_at: z.string(),
  expires_at: z.string().nullable(),
  expired: z.boolean(),
});
export type SuppressionEntryInfo = z.infer<typeof suppressionEntrySchema>;

export const suppressionReportSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  invalid: z.array(z.object({ input: z.string(), error: z.string(), row: z.number().int().optional() })),
  invalid_count: z.number().int().describe(`all invalid inputs (the first ${MAX_INVALID_REPORTED} are named)`),
});
export type SuppressionReport = z.infer<typeof suppressionReportSchema>;

export const suppressionCheckSchema = z.object({
  number: z.string().nullable().describe("the number as E.164 (null: not a valid number)"),
  suppressed: z.boolean(),
  lists: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type SuppressionCheck = z.infer<typeof suppressionCheckSchema>;

export const suppressionCheckManyResultSchema = z.object({
  checked: z.number().int(),
  suppressed: z
    .array(z.object({ input: z.string(), number: z.string(), lists: z.array(z.string()) }))
    .describe("the inputs that are suppressed, in input order"),
});
export type SuppressionCheckMany = z.infer<typeof suppressionCheckManyResultSchema>;

/** A row of an upload left out because its number is suppressed. */
export const suppressedRowSchema = z.object({ row: z.number().int(), reference_id: z.string(), target: z.string(), lists: z.array(z.string()) });
export type SuppressedRow = z.infer<typeof suppressedRowSchema>;

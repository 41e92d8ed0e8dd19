// One rule per field shared by batches and campaigns: the limits, and the variable names and
// values that campaigns (campaign_variables) and requests (request_variables) both carry.
import "./zod-config";
import { z } from "zod";

export { CALL_RATE_HINT, MAX_CALL_RATE } from "@/lib/domain/limits";

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_VARIABLE_NAME = 100;
export const MAX_VARIABLE_VALUE = 2000;

/** A variable's name: what a CSV column or a campaign variable is called. */
export const variableKeySchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(MAX_VARIABLE_NAME, `At most ${MAX_VARIABLE_NAME} characters.`)
  .regex(VARIABLE_NAME, "Letters, digits and _ only; not starting with a digit.");
export const variableValueSchema = z.string().max(MAX_VARIABLE_VALUE, `At most ${MAX_VARIABLE_VALUE} characters.`);

/** Why a write was made, recorded in the audit log: optional on most writes, required on some. */
export const reasonSchema = z.string().trim().max(500, { error: "At most 500 characters" });

/** A bound of a results time range (`sent_from`, `sent_to`): the reports open a day's or an hour's results. */
export const sentInstant = z.iso.datetime({ offset: true, error: "Use a full ISO date-time, e.g. 2026-07-01T14:00:00Z" });

/** The results filters a follow-up selects its contacts by (channel outcomes differ in form by caller). */
export const resultSelectionFields = {
  status: z.string().trim().max(50).optional(),
  insights_status: z.string().trim().max(50).optional(),
  q: z.string().trim().max(200).optional(),
  /** Rows sent in [sent_from, sent_to): full ISO instants (the reports open a day's or an hour's results). */
  sent_from: sentInstant.optional(),
  sent_to: sentInstant.optional(),
};

/** The results filters a results page and an opt-out from results share: a follow-up's, and one reference. */
export const resultFilterFields = {
  ...resultSelectionFields,
  reference_id: z.string().trim().max(200).optional(),
};

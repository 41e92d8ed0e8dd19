// Which column of a CRM's file is the phone number, which the reference id, and what the others
// are called as request variables ("Mobile Number", "Customer Ref", "First Name"): guessed from
// names and content, changed by a person in the upload dialog, sent by scripts as the upload's
// `mapping` field. One rule for the browser and the server.
import type { CountryCode } from "libphonenumber-js/min";
import { readPhoneNumber } from "./phone-number";

export type ColumnMapping = { target: string; reference_id: string; variables?: Record<string, string> };

const PHONE_NAME = /phone|mobile|cell|tel|number|msisdn|target|contact/i;
const REF_NAME = /ref|^id$|[ _-]id$|account|customer|external|record|reference/i;

/** "First Name" → "first_name": a request variable's name (letters, digits, _; not starting with a digit). */
export function variableName(column: string): string {
  const name = column
    .trim()
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  return /^[a-z_]/.test(name) ? name : `v_${name}`.slice(0, 64);
}

/** Share of the sample's non-empty values in `column` that read as phone numbers. */
function phoneShare(column: string, rows: ReadonlyArray<Record<string, string | undefined>>, country: CountryCode | null): number {
  const values = rows.map((r) => (r[column] ?? "").trim()).filter(Boolean);
  if (!values.length) return 0;
  return values.filter((v) => "number" in readPhoneNumber(v, country)).length / values.length;
}

/**
 * The best guess from the header and the first rows: the target is the column most of whose
 * values are phone numbers (a phone-like name wins a tie); the reference id a column named like
 * one whose sample values are all different; every other column a variable.
 */
export function guessMapping(columns: readonly string[], rows: ReadonlyArray<Record<string, string | undefined>>, country: CountryCode | null): ColumnMapping {
  const sample = rows.slice(0, 50);
  const exact = (name: string) => columns.find((c) => c.trim().toLowerCase() === name);
  const scored = columns.map((c) => ({ c, score: phoneShare(c, sample, country) + (PHONE_NAME.test(c) ? 0.25 : 0) })).sort((a, b) => b.score - a.score);
  const target = exact("target") ?? (scored[0] && scored[0].score >= 0.5 ? scored[0].c : (columns.find((c) => PHONE_NAME.test(c)) ?? ""));
  const distinct = (c: string) => new Set(sample.map((r) => (r[c] ?? "").trim()).filter(Boolean)).size === sample.length;
  const reference_id = exact("reference_id") ?? columns.find((c) => c !== target && REF_NAME.test(c) && distinct(c)) ?? "";
  const variables: Record<string, string> = {};
  for (const c of columns) if (c !== target && c !== reference_id && c.trim()) variables[variableName(c)] = c;
  return { target, reference_id, variables };
}

/** The columns a mapping names that the header lacks. */
export function unknownColumns(mapping: ColumnMapping, columns: readonly string[]): string[] {
  const have = new Set(columns);
  return [mapping.target, mapping.reference_id, ...Object.values(mapping.variables ?? {})].filter((c) => !have.has(c));
}

/** The upload's columns under a mapping: reference_id, target, then the variables by their names. */
export const mappedColumns = (mapping: ColumnMapping) => ["reference_id", "target", ...Object.keys(mapping.variables ?? {})];

/** One row under a mapping, its values as they are (the upload dialog writes numbers as E.164 after, showing each change). */
export function renameRow(mapping: ColumnMapping, row: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = { reference_id: (row[mapping.reference_id] ?? "").trim(), target: (row[mapping.target] ?? "").trim() };
  for (const [name, column] of Object.entries(mapping.variables ?? {})) out[name] = row[column] ?? "";
  return out;
}

/** One row under a mapping; the number as E.164 when it reads as one (else as it was, for Syllable to mark INVALID). */
export function mapRow(mapping: ColumnMapping, row: Record<string, string | undefined>, country: CountryCode | null): Record<string, string> {
  const out = renameRow(mapping, row);
  const read = readPhoneNumber(out.target!, country);
  if ("number" in read) out.target = read.number;
  return out;
}

/** Whether a mapping changes nothing: the file already has the upload's columns. */
export const isIdentity = (m: ColumnMapping) =>
  m.target === "target" && m.reference_id === "reference_id" && Object.entries(m.variables ?? {}).every(([name, column]) => name === column);

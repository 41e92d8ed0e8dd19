// A CSV made ready for upload in the browser, before it is sent: national numbers written as
// E.164 with a default country (libphonenumber-js), the console's own results export read back
// (var_* columns are the variables again; status and insight columns are left out), and, when
// asked, the rows Syllable would refuse left out, each named with why.
import type { CountryCode } from "libphonenumber-js/min";
import { readPhoneNumber } from "./phone-number";
import { CSV_BASE_COLUMNS } from "./results";

/** Columns only the console's results export has: what happened to a request, not what it is. */
const EXPORT_ONLY = new Set<string>(CSV_BASE_COLUMNS.filter((c) => c !== "reference_id" && c !== "target"));

export type SkippedRow = { row: number; reason: string };
export type PreparedCsv = {
  columns: string[];
  rows: Array<Record<string, string>>;
  /** Targets rewritten to E.164 (1-based data rows). */
  normalised: Array<{ row: number; from: string; to: string }>;
  skipped: SkippedRow[];
  /** `var_x` → `x`: read back from the console's export. */
  renamed: Array<[string, string]>;
  /** Export-only columns left out. */
  dropped: string[];
  /** Anything differs from the file as chosen (then the prepared copy is what is sent). */
  changed: boolean;
};

/** The target as E.164 when it is one already or reads as a valid number of `country`; null otherwise. */
export function toE164(raw: string, country: CountryCode | null): string | null {
  const read = readPhoneNumber(raw, country);
  return "number" in read ? read.number : null;
}

export function prepareCsv(
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, string | undefined>>,
  opts: { defaultCountry: CountryCode | null; skipBadRows: boolean },
): PreparedCsv {
  const isExport = columns.includes("request_status") && columns.includes("channel_manager_status");
  const renamed: Array<[string, string]> = [];
  const dropped: string[] = [];
  const mapping: Array<[string, string]> = [];
  for (const c of columns) {
    if (isExport && EXPORT_ONLY.has(c)) dropped.push(c);
    else if (isExport && c.startsWith("var_") && c.length > 4) {
      renamed.push([c, c.slice(4)]);
      mapping.push([c, c.slice(4)]);
    } else mapping.push([c, c]);
  }
  const normalised: PreparedCsv["normalised"] = [];
  const skipped: SkippedRow[] = [];
  const seenRefs = new Set<string>();
  const out: Array<Record<string, string>> = [];
  rows.forEach((r, i) => {
    const row = i + 1;
    const rec: Record<string, string> = {};
    for (const [from, to] of mapping) rec[to] = r[from] ?? "";
    const ref = (rec.reference_id ?? "").trim();
    const target = rec.target ?? "";
    const e164 = toE164(target, opts.defaultCountry);
    if (e164 && e164 !== target) {
      normalised.push({ row, from: target, to: e164 });
      rec.target = e164;
    }
    const reason = !ref ? "no reference_id" : seenRefs.has(ref) ? `reference_id ${ref} repeated` : !e164 ? `target "${target}" is not a phone number` : null;
    if (ref) seenRefs.add(ref);
    if (reason && opts.skipBadRows) skipped.push({ row, reason });
    else out.push(rec);
  });
  const prepared = mapping.map(([, to]) => to);
  return {
    columns: prepared,
    rows: out,
    normalised,
    skipped,
    renamed,
    dropped,
    changed: normalised.length + skipped.length + renamed.length + dropped.length > 0,
  };
}

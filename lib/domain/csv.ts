// The one CSV writer: results and audit exports (for spreadsheets) and upload files (for Syllable).

export type CsvKind = "spreadsheet" | "upload";

// Phone numbers ("+15125551234", "512-555-1234") and signed numbers start like formulas but can
// run nothing (no letters, no | or !): leave them as they are so targets stay usable.
const PLAIN_NUMBER = /^\s*[+-]?[\d\s().-]+$/;

/**
 * What a spreadsheet may read as the start of a formula: = + - @ and their fullwidth forms
 * (＝ ＋ － ＠, which some spreadsheets fold to ASCII), after any leading whitespace (spaces, NBSP,
 * tab, CR, LF: trimmed by some importers), or a leading tab, CR or LF itself.
 */
const FORMULA_START = /^(?:[\s\u00a0\u2000-\u200b\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;

/**
 * One CSV cell. "spreadsheet" (exports people open: results, audit): defused against formulas
 * with a leading ', quoted when it holds a comma, quote or line break. "upload" (a file for
 * Syllable's batch upload: data, not a spreadsheet): values as they are, quoted also when they
 * have outer spaces (kept exactly).
 */
export function csvCell(value: unknown, kind: CsvKind = "spreadsheet"): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (kind === "spreadsheet" && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  const quote = /[",\r\n]/.test(s) || (kind === "upload" && s !== s.trim());
  return quote ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line, CRLF-ended. */
export function csvLine(cells: readonly unknown[], kind: CsvKind = "spreadsheet"): string {
  return `${cells.map((c) => csvCell(c, kind)).join(",")}\r\n`;
}

/** A whole CSV: the header and one line per row (a missing value empty). */
export function csvDocument(columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>, kind: CsvKind = "spreadsheet"): string {
  return csvLine(columns, kind) + rows.map((r) => csvLine(r, kind)).join("");
}

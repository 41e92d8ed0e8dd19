// The columns a batch CSV must have, and what the others are: one rule for the upload preview in
// the browser and the upload handler on the server.

export const REQUIRED_CSV_COLUMNS = ["reference_id", "target"] as const;

/** The required columns a header lacks (names compared trimmed and case-insensitively). */
export function missingCsvColumns(columns: readonly string[]): string[] {
  const have = new Set(columns.map((c) => c.trim().toLowerCase()));
  return REQUIRED_CSV_COLUMNS.filter((c) => !have.has(c));
}

/** Every other non-empty column becomes a request variable. */
export function variableCsvColumns(columns: readonly string[]): string[] {
  return columns.map((c) => c.trim()).filter((c) => c !== "" && !(REQUIRED_CSV_COLUMNS as readonly string[]).includes(c.toLowerCase()));
}

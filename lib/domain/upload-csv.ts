// Writing a CSV for Syllable's batch upload: values as they are (it is data, not a spreadsheet:
// no formula defusing), quoted only when needed.

/** One cell: quoted when it holds a comma, quote, line break or outer spaces. */
export function uploadCsvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header and one line per row, CRLF-separated, a missing value empty. */
export function toUploadCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [columns.map(uploadCsvCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => uploadCsvCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

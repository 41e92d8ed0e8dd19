// Writing a CSV for Syllable's batch upload: values as they are (it is data, not a spreadsheet:
// no formula defusing), quoted only when needed (see csv.ts).
import { csvDocument } from "./csv";

/** The header and one line per row, CRLF-separated, a missing value empty. */
export function toUploadCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return csvDocument(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
    "upload",
  );
}

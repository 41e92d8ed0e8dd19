import "server-only";
// An upload with a `mapping` form field: the file's own columns ("Mobile Number", "Customer Ref")
// rewritten to the upload's (reference_id, target, variables), numbers written as E.164 for
// DEFAULT_COUNTRY, a chunk at a time into a new temporary file (lib/domain/column-mapping.ts).
import type { CountryCode } from "libphonenumber-js/min";
import { mappedColumns, mapRow, unknownColumns, type ColumnMapping } from "@/lib/domain/column-mapping";
import { uploadMappingSchema } from "@/lib/schemas/batches";
import { csvRowChunks, headerCells, writeCsvBeside } from "@/lib/server/csv-chunks";
import { ApiError } from "@/lib/server/errors";

const bad = (message: string) => new ApiError("validation_failed", message, { mapping: message });

/** The `mapping` field read and checked against the file's header, or an ApiError at `mapping`. */
export function readMapping(text: string, columns: string[]): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('The mapping is not JSON: send {"target": "<column>", "reference_id": "<column>", "variables": {"<name>": "<column>"}}.');
  }
  const parsed = uploadMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw bad(`The mapping's ${issue.path.join(".") || "value"}: ${issue.message}.`);
  }
  const missing = unknownColumns(parsed.data, columns);
  if (missing.length) throw bad(`The file has no column ${missing.map((c) => `"${c}"`).join(", ")} (it has ${columns.map((c) => `"${c}"`).join(", ")}).`);
  return parsed.data;
}

export type MappedUpload = { path: string; rows: number; last_reference_id: string | null; dispose: () => Promise<void> };

/** Writes the file under `mapping` to a new temporary file beside it. */
export async function mapUploadFile(file: string, mapping: ColumnMapping, country: CountryCode | null): Promise<MappedUpload> {
  const columns = mappedColumns(mapping);
  let header: string[] | null = null;
  let rows = 0;
  let last: string | null = null;
  const written = await writeCsvBeside(file, "mapped", async (write) => {
    await write([columns]);
    for await (const chunk of csvRowChunks(file)) {
      const mapped: unknown[][] = [];
      for (const cells of chunk) {
        if (!header) {
          header = headerCells(cells);
          continue;
        }
        const row = mapRow(mapping, Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])), country);
        mapped.push(columns.map((c) => row[c]));
        rows++;
        last = row.reference_id || null;
      }
      await write(mapped);
    }
  });
  return { ...written, rows, last_reference_id: last };
}

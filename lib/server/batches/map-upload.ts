import "server-only";
// An upload with a `mapping` form field: the file's own columns ("Mobile Number", "Customer Ref")
// rewritten to the upload's (reference_id, target, variables), numbers written as E.164 for
// DEFAULT_COUNTRY, a chunk at a time into a new temporary file (lib/domain/column-mapping.ts).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { CountryCode } from "libphonenumber-js/min";
import { mappedColumns, mapRow, unknownColumns, type ColumnMapping } from "@/lib/domain/column-mapping";
import { csvLine } from "@/lib/domain/csv";
import { uploadMappingSchema } from "@/lib/schemas/batches";
import { csvRowChunks } from "@/lib/server/csv-chunks";
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
  const out = path.join(path.dirname(file), `mapped-${randomUUID()}.csv`);
  const dispose = () => fs.promises.rm(out, { force: true });
  const writer = fs.createWriteStream(out, { mode: 0o600 });
  const columns = mappedColumns(mapping);
  let header: string[] | null = null;
  let rows = 0;
  let last: string | null = null;
  try {
    if (!writer.write(csvLine(columns, "upload"))) await once(writer, "drain");
    for await (const chunk of csvRowChunks(file)) {
      let text = "";
      for (const cells of chunk) {
        if (!header) {
          header = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c).trim());
          continue;
        }
        const row = mapRow(mapping, Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])), country);
        text += csvLine(
          columns.map((c) => row[c]),
          "upload",
        );
        rows++;
        last = row.reference_id || null;
      }
      if (text && !writer.write(text)) await once(writer, "drain");
    }
    writer.end();
    await once(writer, "close");
  } catch (err) {
    writer.destroy();
    await dispose();
    throw err;
  }
  return { path: out, rows, last_reference_id: last, dispose };
}

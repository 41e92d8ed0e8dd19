import "server-only";
// The CSV a manager uploads to a batch, checked before Syllable sees it: multipart with a "file"
// field, within UPLOAD_MAX_MB (counted while it streams in), a .csv of a CSV type, a header row
// with reference_id and target (read by the CSV parser the upload dialog uses).
import Papa from "papaparse";
import { missingCsvColumns } from "@/lib/domain/csv-columns";
import { ApiError } from "@/lib/server/errors";
import { mediaType, readBodyLimited, tooLarge } from "@/lib/server/http/body";

const CSV_TYPES = new Set(["", "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/x-csv", "application/octet-stream"]);

// Room for the multipart envelope around the file itself.
const ENVELOPE_BYTES = 64 * 1024;

export type UploadFile = { file: File; name: string; last_reference_id: string | null };

/** The request's CSV file, or an ApiError saying what is wrong with it. */
export async function readUploadFile(req: Request, maxBytes: number): Promise<UploadFile> {
  if (mediaType(req) !== "multipart/form-data") {
    throw new ApiError("unsupported_media_type", 'Send the CSV as multipart/form-data in a field named "file".');
  }
  // Counted while it streams in (chunked uploads too): an oversized upload is never held whole.
  const raw = await readBodyLimited(req, maxBytes + ENVELOPE_BYTES, "The file");
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "Content-Type": req.headers.get("content-type")! } }).formData();
  } catch {
    throw new ApiError("bad_request", 'Send the CSV as multipart/form-data in a field named "file".');
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new ApiError("validation_failed", "Choose a CSV file to upload.", { file: "Choose a CSV file" });
  if (file.size === 0) throw new ApiError("validation_failed", "The file is empty.", { file: "The file is empty" });
  if (file.size > maxBytes) throw tooLarge(maxBytes, "The file");
  const name = file.name || "upload.csv";
  if (!name.toLowerCase().endsWith(".csv") || !CSV_TYPES.has(file.type.split(";")[0]!.trim().toLowerCase())) {
    throw new ApiError("validation_failed", "Only .csv files can be uploaded.", { file: "Only .csv files can be uploaded" });
  }
  // The header row, read by the CSV parser the upload dialog uses (quoted names, a BOM, CRLF).
  const head = Papa.parse<string[]>((await file.slice(0, 4096).text()).replace(/^\uFEFF/, ""), { preview: 1, skipEmptyLines: true }).data[0] ?? [];
  const columns = head.map((c) => c.trim());
  if (missingCsvColumns(columns).length > 0) {
    throw new ApiError("validation_failed", "The CSV needs a header row with reference_id and target columns.", {
      file: "Missing reference_id or target column",
    });
  }
  // The file's last reference_id lets a read-back tell whether an interrupted upload was applied.
  const last_reference_id = await lastReferenceId(file, columns.indexOf("reference_id"));
  return { file, name, last_reference_id };
}

/** The reference_id of the file's last row (null when the tail cannot be read as whole rows). */
async function lastReferenceId(file: File, column: number): Promise<string | null> {
  const tail = await file.slice(Math.max(0, file.size - 4096)).text();
  const lines = tail.split(/\r?\n/).filter((l) => l.trim() !== "");
  const last = lines.at(-1);
  // The tail may start inside a quoted cell: only a last line without quotes is surely whole.
  if (!last || lines.length < 2 || last.includes('"')) return null;
  const cell = Papa.parse<string[]>(last, { preview: 1 }).data[0]?.[column]?.trim();
  return cell && cell !== "reference_id" ? cell : null;
}

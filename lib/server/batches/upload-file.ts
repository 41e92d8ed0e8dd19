import "server-only";
// The CSV a manager uploads to a batch, checked before Syllable sees it and never held whole:
// the multipart body streams (busboy) into a temporary file, counted against UPLOAD_MAX_MB as it
// arrives, and goes on to Syllable from that file (a Blob backed by the disk). Checked: a "file"
// field, a .csv of a CSV type, not empty, and a header row with reference_id and target (read by
// the CSV parser the upload dialog uses).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import Papa from "papaparse";
import { missingCsvColumns } from "@/lib/domain/csv-columns";
import { ApiError } from "@/lib/server/errors";
import { mediaType, tooLarge } from "@/lib/server/http/body";

const CSV_TYPES = new Set(["", "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/x-csv", "application/octet-stream"]);

// Room for the multipart envelope around the file itself.
const ENVELOPE_BYTES = 64 * 1024;
/** Bytes kept of the file's start (the header row) and end (its last row). */
const EDGE_BYTES = 4096;

export type UploadFile = {
  /** The file, read from disk as it is sent on. */
  file: Blob;
  /** Where it is on disk (a temporary file). */
  path: string;
  name: string;
  bytes: number;
  /** Lines after the header (a quoted cell holding a line break counts twice). */
  rows: number;
  last_reference_id: string | null;
  /** The header row's column names, trimmed. */
  columns: string[];
  /** The multipart body's other (text) fields. */
  fields: Record<string, string>;
  /** Deletes the temporary file. */
  dispose: () => Promise<void>;
};

export type CsvBodyOptions = {
  /** Throws an ApiError when the header row is not what the route takes (default: a batch upload's reference_id and target, unless a `mapping` field names the columns). */
  checkHeader?: (columns: string[], fields: Record<string, string>) => void;
  /** A plain text/csv body is taken too (the file's name is then "upload.csv"). */
  rawCsv?: boolean;
};

/** A batch upload's header: reference_id and target (with a `mapping` field, the route checks the columns it names). */
function requireUploadColumns(columns: string[], fields: Record<string, string>): void {
  if (fields.mapping !== undefined) return;
  if (missingCsvColumns(columns).length > 0) {
    throw new ApiError("validation_failed", "The CSV needs a header row with reference_id and target columns.", {
      file: "Missing reference_id or target column",
    });
  }
}

const chooseFile = () => new ApiError("validation_failed", "Choose a CSV file to upload.", { file: "Choose a CSV file" });
const notMultipart = () => new ApiError("unsupported_media_type", 'Send the CSV as multipart/form-data in a field named "file".');
const onlyCsv = () => new ApiError("validation_failed", "Only .csv files can be uploaded.", { file: "Only .csv files can be uploaded" });

/** The request's CSV file, in a temporary file under `dataDir`/uploads, or an ApiError saying what is wrong with it. */
export async function readUploadFile(req: Request, maxBytes: number, dataDir: string, opts: CsvBodyOptions = {}): Promise<UploadFile> {
  const raw = opts.rawCsv && mediaType(req) === "text/csv";
  if ((!raw && mediaType(req) !== "multipart/form-data") || !req.body) throw notMultipart();
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw tooLarge(maxBytes, "The file");
  const dir = path.join(dataDir, "uploads");
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `upload-${randomUUID()}.csv`);
  const dispose = () => fs.promises.rm(temp, { force: true });
  try {
    const got = raw ? await spoolFile(Readable.fromWeb(req.body as never), temp, "upload.csv", maxBytes) : await spool(req, maxBytes, temp);
    const name = got.name || "upload.csv";
    if (got.bytes === 0) throw new ApiError("validation_failed", "The file is empty.", { file: "The file is empty" });
    // The header row, read by the CSV parser the upload dialog uses (quoted names, a BOM, CRLF).
    const head = Papa.parse<string[]>(got.head.toString("utf8").replace(/^\uFEFF/, ""), { preview: 1, skipEmptyLines: true }).data[0] ?? [];
    const columns = head.map((c) => c.trim());
    (opts.checkHeader ?? requireUploadColumns)(columns, got.fields);
    const endsWithNewline = got.tail.at(-1) === 0x0a;
    return {
      file: await fs.openAsBlob(temp, { type: "text/csv" }),
      path: temp,
      name,
      bytes: got.bytes,
      rows: Math.max(0, got.newlines - 1 + (endsWithNewline ? 0 : 1)),
      // The file's last reference_id lets a read-back tell whether an interrupted upload was applied.
      last_reference_id: lastReferenceId(got.tail.toString("utf8"), columns.indexOf("reference_id")),
      columns,
      fields: got.fields,
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

type Spooled = { name: string; bytes: number; newlines: number; head: Buffer; tail: Buffer; fields: Record<string, string> };

/**
 * Streams the multipart body's "file" part into `temp`; refuses anything else on the way. A file
 * over the limit stops the body at once (413), without reading the rest.
 */
async function spool(req: Request, maxBytes: number, temp: string): Promise<Spooled> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": req.headers.get("content-type")! }, limits: { files: 1, fileSize: maxBytes, fields: 20, parts: 25 } });
  } catch {
    throw notMultipart();
  }
  const source = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  // Set from busboy's callbacks (so TypeScript's narrowing cannot see it change): read through `failed()`.
  const state: { failure: ApiError | null } = { failure: null };
  const failed = (): ApiError | null => state.failure;
  const fail = (err: unknown) => {
    state.failure ??= err instanceof ApiError ? err : notMultipart();
    // After busboy's callback returns, not inside it.
    const failure = state.failure;
    queueMicrotask(() => source.destroy(failure));
  };
  let found: Promise<Spooled> | null = null;
  const fields: Record<string, string> = {};
  parser.on("field", (field, value) => {
    fields[field] = value;
  });
  parser.on("file", (field, stream, info) => {
    // Stopping the body fails the parser and, through it, this part: that is expected, not a crash.
    stream.on("error", () => undefined);
    if (field !== "file" || found) {
      stream.resume();
      return;
    }
    const name = info.filename ?? "";
    if (!name.toLowerCase().endsWith(".csv") || !CSV_TYPES.has((info.mimeType ?? "").split(";")[0]!.trim().toLowerCase())) {
      stream.resume();
      return fail(onlyCsv());
    }
    stream.on("limit", () => fail(tooLarge(maxBytes, "The file")));
    found = spoolFile(stream, temp, name);
    found.catch(fail);
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  // A refused upload stops the body: the parser then fails too, after the refusal was decided.
  done.catch(() => undefined);
  try {
    await pipeline(source, parser);
    await done;
  } catch (err) {
    if (found) await (found as Promise<Spooled>).catch(() => undefined);
    throw failed() ?? (err instanceof ApiError ? err : notMultipart());
  }
  const failure = failed();
  if (failure) throw failure;
  // Set in busboy's callback, so TypeScript's narrowing takes it for null here: read it as it is.
  const spooled = found as Promise<Spooled> | null;
  if (!spooled) throw chooseFile();
  return { ...(await spooled), fields };
}

/** Writes `stream` to `temp`, counting its bytes and lines and keeping its first and last bytes; over `maxBytes` (a raw body) → 413. */
async function spoolFile(stream: Readable, temp: string, name: string, maxBytes = Infinity): Promise<Spooled> {
  let bytes = 0;
  let newlines = 0;
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  await pipeline(
    stream,
    async function* (source: AsyncIterable<Buffer | string>) {
      for await (const part of source) {
        const chunk = typeof part === "string" ? Buffer.from(part) : part;
        bytes += chunk.length;
        if (bytes > maxBytes) throw tooLarge(maxBytes, "The file");
        for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) newlines++;
        if (head.length < EDGE_BYTES) head = Buffer.concat([head, chunk.subarray(0, EDGE_BYTES - head.length)]);
        tail = Buffer.concat([tail, chunk]).subarray(-EDGE_BYTES);
        yield chunk;
      }
    },
    fs.createWriteStream(temp, { mode: 0o600 }),
  );
  return { name, bytes, newlines, head, tail, fields: {} };
}

/** The reference_id of the file's last row (null when the tail cannot be read as whole rows). */
function lastReferenceId(tail: string, column: number): string | null {
  const lines = tail.split(/\r?\n/).filter((l) => l.trim() !== "");
  const last = lines.at(-1);
  // The tail may start inside a quoted cell: only a last line without quotes is surely whole.
  if (!last || lines.length < 2 || last.includes('"')) return null;
  const cell = Papa.parse<string[]>(last, { preview: 1 }).data[0]?.[column]?.trim();
  return cell && cell !== "reference_id" ? cell : null;
}

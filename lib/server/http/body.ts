import "server-only";
import type { z } from "zod";
import { ApiError, validationError } from "@/lib/server/errors";

/** JSON bodies larger than this are refused before they are parsed. */
export const MAX_JSON_BYTES = 1024 * 1024;

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? mb(bytes) : `${Math.round(bytes / 1024)} KB`);

export function tooLarge(maxBytes: number, what = "The request"): ApiError {
  return new ApiError("payload_too_large", `${what} is larger than ${size(maxBytes)}, the most the console accepts.`);
}

/**
 * Reads a request body into memory, counting bytes as they stream in (chunked or not): the
 * moment it passes `maxBytes` the stream is cancelled and a 413 thrown, so an oversized body is
 * never held whole. A declared Content-Length over the limit is refused before reading.
 */
export async function readBodyLimited(req: Request, maxBytes: number, what?: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, what);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes, what);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The media type of a request without parameters ("application/json"), lower case. */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Reads a JSON body: `Content-Type: application/json` required (415: a form or text/plain post
 * from another site cannot pass), at most `maxBytes` (413), valid JSON (400). Returns the raw value.
 */
export async function readJson(req: Request, opts: { maxBytes?: number; optional?: boolean } = {}): Promise<unknown> {
  const maxBytes = opts.maxBytes ?? MAX_JSON_BYTES;
  const type = mediaType(req);
  if (opts.optional && !type) {
    const bytes = await readBodyLimited(req, maxBytes);
    if (bytes.byteLength === 0) return undefined;
    throw new ApiError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  if (type !== "application/json") {
    throw new ApiError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  const bytes = await readBodyLimited(req, maxBytes);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (opts.optional && !text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("bad_request", "The request body must be valid JSON.");
  }
}

/** Reads and validates a JSON body with a schema (see readJson for the limits); problems become field errors. */
export async function parseJsonBody<T extends z.ZodType>(req: Request, schema: T, opts: { maxBytes?: number } = {}): Promise<z.infer<T>> {
  const raw = await readJson(req, opts);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/server/errors";
import { recordUpstreamNow } from "./upstream-clock";
import { upstreamError } from "./upstream-error";

export type UpstreamConfig = { baseUrl: string; apiKey: string; timeoutMs: number };

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;

export type UpstreamRequest = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path with every id already passed through encodeURIComponent (use `pathOf`). */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData;
  /** For error messages: "Batch 'abc'". */
  what: string;
  timeoutMs?: number;
};

/** Builds `/api/v1/outbound/...` from literal segments and ids, encoding every id. */
export function pathOf(strings: TemplateStringsArray, ...ids: Array<string | number>): string {
  return strings.reduce((acc, s, i) => acc + s + (i < ids.length ? encodeURIComponent(String(ids[i])) : ""), "");
}

function buildUrl(base: string, path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(base + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    // Syllable takes arrays as repeated keys: ?search_fields=a&search_fields=b
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url.toString();
}

/** One call to Syllable: adds the key, enforces the timeout, maps failures, parses the answer tolerantly. */
export async function callUpstream<T extends z.ZodType>(
  config: UpstreamConfig,
  req: UpstreamRequest,
  schema: T,
): Promise<z.infer<T>> {
  const headers: Record<string, string> = { "Syllable-API-Key": config.apiKey, Accept: "application/json" };
  let body: BodyInit | undefined;
  if (req.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(req.form).toString();
  } else if (req.multipart) {
    body = req.multipart; // fetch sets the multipart boundary itself
  }

  const timeoutMs = req.timeoutMs ?? config.timeoutMs;
  let res: Response;
  try {
    res = await fetch(buildUrl(config.baseUrl, req.path, req.query), {
      method: req.method,
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new ApiError("upstream_timeout", `Syllable did not answer within ${Math.round(timeoutMs / 1000)} s. Try again in a moment.`);
    }
    // For the operator's log only; the person gets the sentence below.
    console.error(`Syllable unreachable for ${req.method} ${req.path}: ${(err as Error)?.cause ?? err}`);
    throw new ApiError("upstream_failed", "Couldn't reach Syllable. Check the network or SYLLABLE_BASE_URL, then try again.");
  }
  recordUpstreamNow(res.headers.get("x-sandbox-now"));

  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new ApiError("upstream_timeout", "Syllable stopped answering mid-response. Try again in a moment.");
  }
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) throw upstreamError(res.status, data, req.what);

  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected Syllable answer for ${req.method} ${req.path}:`, parsed.error.issues.slice(0, 3));
    throw new ApiError("upstream_failed", "Syllable answered in a shape the console does not understand.");
  }
  return parsed.data;
}

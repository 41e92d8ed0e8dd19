import "server-only";
import type { z } from "zod";
import { currentRequestId } from "@/lib/front-server/request-context";
import { metrics, operationOf } from "@/lib/observability/metrics";
import { ApiError } from "@/lib/server/errors";
import { recordUpstreamNow } from "./upstream-clock";
import { noteUpstream } from "./upstream-health";
import { upstreamError } from "./upstream-error";
import { createCircuitBreaker, type CircuitBreaker } from "./circuit-breaker";
import { processSingleton } from "@/lib/process-singletons";

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
  /**
   * Reads a successful answer as it streams in (the answer's schema is then not used). A failure
   * part-way is not retried: the reader has seen part of the answer; its caller decides.
   */
  stream?: (body: ReadableStream<Uint8Array>) => Promise<unknown>;
};

/** Builds `/api/v1/outbound/...` from literal segments and ids, encoding every id. */
export function pathOf(strings: TemplateStringsArray, ...ids: Array<string | number>): string {
  // encodeURIComponent leaves dots alone: an id of ".." would climb the path (/batches/.. → /).
  if (ids.some((id) => id === "." || id === "..")) throw new ApiError("bad_request", "That id is not valid: '.' and '..' name nothing.");
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

// Calls the open breaker refused without sending (counted as the outcome `circuit_open`).
const fastFails = new WeakSet<object>();
const fastFailed = (err: ApiError): ApiError => (fastFails.add(err), err);

// One breaker per upstream base URL, a process singleton: pages and route handlers are separate bundles
// in one process and must share it (a page meeting an outage spares the next API call the wait).
const breakers = processSingleton("syllable-breakers", () => new Map<string, CircuitBreaker>());

/** The breaker guarding calls to `baseUrl` (created closed). */
export function breakerFor(baseUrl: string): CircuitBreaker {
  let b = breakers.get(baseUrl);
  if (!b) {
    b = createCircuitBreaker({
      threshold: BREAKER_THRESHOLD,
      openMs: BREAKER_OPEN_MS,
      onTransition: (_from, to) => metrics().circuitTransitions.inc({ upstream: baseUrl, to }),
      openError: () =>
        fastFailed(
          new ApiError(
            "upstream_unavailable",
            `Syllable is not answering, so the console paused its calls for a few seconds. Showing the last data we have; it will try again by itself.`,
            undefined,
            { "Retry-After": String(Math.ceil(BREAKER_OPEN_MS / 1000)) },
          ),
        ),
    });
    breakers.set(baseUrl, b);
  }
  return b;
}

/** Each upstream's breaker state, for the metrics. */
export function breakerStates(): Array<{ upstream: string; state: string }> {
  return [...breakers].map(([upstream, b]) => ({ upstream, state: b.state() }));
}

/** Closes every breaker (tests that inject faults start each case on a healthy upstream). */
export function resetBreakersForTests(): void {
  breakers.clear();
}

/** Failures in a row that open the breaker, and how long it stays open before one probe. */
export const BREAKER_THRESHOLD = 5;
export const BREAKER_OPEN_MS = 10_000;
/** Retries of an idempotent GET after a connection error, 502, 503 or 504 (never after a timeout: the budget is spent). */
export const GET_RETRIES = 2;

// Failures that mean "Syllable is down or unreachable" (not "Syllable said no"): they count
// towards the breaker and, for GETs, may be retried.
const outages = new WeakSet<object>();
const outage = (err: ApiError): ApiError => (outages.add(err), err);
const isOutage = (err: unknown): boolean => typeof err === "object" && err !== null && outages.has(err);
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const refused = new WeakSet<object>();

/**
 * One call to Syllable: adds the key, keeps the whole call (retries included) within its time
 * budget, retries idempotent GETs on transient failures with jitter, goes through the upstream's
 * circuit breaker, maps failures to the console's errors and parses the answer tolerantly.
 * Writes are never retried: a write whose fate is unknown is read back by its caller instead.
 */
export async function callUpstream<T extends z.ZodType>(config: UpstreamConfig, req: UpstreamRequest, schema: T): Promise<z.infer<T>> {
  const budgetMs = req.timeoutMs ?? config.timeoutMs;
  const deadline = Date.now() + budgetMs;
  const retries = req.method === "GET" ? GET_RETRIES : 0;
  const attempts = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(config, req, schema, deadline, budgetMs);
      } catch (err) {
        if (req.method !== "GET" && isOutage(err) && !refused.has(err as object)) unsettledWrites.add(err as object);
        const pause = jitteredBackoff(attempt);
        const worthRetrying = isRetryable(err) && attempt < retries && deadline - Date.now() > pause + MIN_ATTEMPT_MS;
        if (!worthRetrying) throw err;
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  };
  try {
    return await breakerFor(config.baseUrl).run(attempts, isOutage);
  } catch (err) {
    // Refused by the open breaker without being sent: counted, so the metrics show fast failures.
    if (typeof err === "object" && err !== null && fastFails.has(err))
      metrics().upstreamCalls.inc({ operation: operationOf(req.method, req.path), outcome: "circuit_open" });
    throw err;
  }
}

const MIN_ATTEMPT_MS = 250;

// Writes that were sent but whose answer says nothing of their fate (a timeout, a 5xx, a
// connection lost mid-way): Syllable may have applied them. Their callers read the target back.
const unsettledWrites = new WeakSet<object>();
/** Whether `err` ended a write that Syllable may nevertheless have applied. */
export function writeMayHaveApplied(err: unknown): boolean {
  return typeof err === "object" && err !== null && unsettledWrites.has(err);
}
// Retryable = an outage that is not a timeout (a timed-out attempt has used the budget).
const retryable = new WeakSet<object>();
const isRetryable = (err: unknown): boolean => typeof err === "object" && err !== null && retryable.has(err);

/** 100–300 ms, then 300–900 ms: spread so many callers do not retry in step. */
function jitteredBackoff(attempt: number): number {
  return Math.round((100 + Math.random() * 200) * 3 ** attempt);
}

async function attemptOnce<T extends z.ZodType>(
  config: UpstreamConfig,
  req: UpstreamRequest,
  schema: T,
  deadline: number,
  budgetMs: number,
): Promise<z.infer<T>> {
  const headers: Record<string, string> = { "Syllable-API-Key": config.apiKey, Accept: "application/json" };
  // The console request this call serves (none for the live engine's own reads), for tracing across both logs.
  const requestId = currentRequestId();
  if (requestId) headers["X-Request-Id"] = requestId;
  const operation = operationOf(req.method, req.path);
  const started = performance.now();
  const count = (outcome: string) => {
    noteUpstream(outcome, performance.now() - started);
    metrics().upstreamCalls.inc({ operation, outcome });
    metrics().upstreamDuration.observe({ operation }, (performance.now() - started) / 1000);
  };
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

  const timedOut = () => outage(new ApiError("upstream_timeout", `Syllable did not answer within ${seconds(budgetMs)} s. Try again in a moment.`));
  const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
  let res: Response;
  try {
    res = await fetch(buildUrl(config.baseUrl, req.path, req.query), { method: req.method, headers, body, signal, cache: "no-store" });
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      count("timeout");
      throw timedOut();
    }
    count("unreachable");
    // For the operator's log only; the person gets the sentence below.
    console.error(`Syllable unreachable for ${req.method} ${req.path}: ${String((err as Error)?.cause ?? err)}`);
    const unreachable = outage(new ApiError("upstream_failed", "Couldn't reach Syllable. Check the network or SYLLABLE_BASE_URL, then try again."));
    retryable.add(unreachable);
    // Refused: the request never reached Syllable, so a write certainly did not happen.
    if ((err as { cause?: { code?: string } })?.cause?.code === "ECONNREFUSED") refused.add(unreachable);
    throw unreachable;
  }
  recordUpstreamNow(res.headers.get("x-sandbox-now"), res.headers.get("date"));
  count(String(res.status));
  if (res.ok && req.stream && res.body) return (await readStreamed(req.stream, res.body)) as z.infer<T>;

  let text: string;
  try {
    text = await res.text();
  } catch {
    throw outage(new ApiError("upstream_timeout", "Syllable stopped answering mid-response. Try again in a moment."));
  }
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const err = upstreamError(res.status, data, req.what);
    if (res.status >= 500) outage(err);
    if (RETRYABLE_STATUS.has(res.status)) retryable.add(err);
    throw err;
  }

  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected Syllable answer for ${req.method} ${req.path}:`, parsed.error.issues.slice(0, 3));
    throw new ApiError("upstream_failed", "Syllable answered in a shape the console does not understand.");
  }
  return parsed.data;
}

/** A streamed answer read by `read`; the stream failing part-way is said as such. */
async function readStreamed(read: (body: ReadableStream<Uint8Array>) => Promise<unknown>, body: ReadableStream<Uint8Array>): Promise<unknown> {
  try {
    return await read(body);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const name = (err as { name?: string } | null)?.name;
    if (name === "SyntaxError") {
      console.error("Unexpected Syllable answer (streamed):", (err as Error).message);
      throw new ApiError("upstream_failed", "Syllable answered in a shape the console does not understand.");
    }
    console.error("Syllable's streamed answer stopped:", String((err as Error)?.message ?? err));
    throw outage(new ApiError("upstream_timeout", "Syllable stopped answering mid-response. Try again in a moment."));
  } finally {
    await body.cancel().catch(() => undefined);
  }
}

/** 15 → "15", 1.5 → "1.5": whole seconds unless that would misstate a short budget. */
function seconds(ms: number): string {
  return ms >= 10_000 || ms % 1000 === 0 ? String(Math.round(ms / 1000)) : (ms / 1000).toFixed(1);
}

import "server-only";
import { z } from "zod";
import { ERROR_STATUS, type ApiErrorBody, type ErrorCode } from "@/lib/schemas/api-error";

// Recognised by this brand, never by `instanceof`: Next bundles pages and route handlers apart,
// each with its own copy of this class, and an error can cross over (a page and a handler
// sharing one coalesced upstream call). Symbol.for is the same symbol in every bundle.
const API_ERROR = Symbol.for("outbound-console.api-error");

/** The one error type of the console's API: a code, a sentence for people, optional field errors. */
export class ApiError extends Error {
  readonly [API_ERROR] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Whether `err` is an ApiError from any bundle's copy of the class. */
export function isApiError(err: unknown): err is ApiError {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[API_ERROR] === true;
}

export const notFound = (what: string) => new ApiError("not_found", `${what} was not found.`);

/** Field errors keyed by dotted path ("webhooks.0.url"), first message per field. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function validationError(error: z.ZodError, message = "Some fields need fixing."): ApiError {
  return new ApiError("validation_failed", message, zodFieldErrors(error));
}

/** Turns anything thrown in a handler into the contract's error response; never leaks internals. */
export function errorResponse(err: unknown): Response {
  let apiError: ApiError;
  if (isApiError(err)) apiError = err;
  else if (err instanceof z.ZodError) apiError = validationError(err);
  else {
    console.error("Unhandled error in API handler:", err);
    apiError = new ApiError("internal", "Something went wrong on our side. Please try again.");
  }
  const body: ApiErrorBody = {
    error: {
      code: apiError.code,
      message: apiError.message,
      ...(apiError.fields && Object.keys(apiError.fields).length ? { fields: apiError.fields } : {}),
    },
  };
  return Response.json(body, { status: apiError.status, headers: { "Cache-Control": "no-store", ...apiError.headers } });
}

/** Parses URL search params (first value per key) with a schema; problems become field errors. */
export function parseSearchParams<T extends z.ZodType>(url: string | URL, schema: T): z.infer<T> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in raw)) raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, "Some query parameters are not valid.");
  return parsed.data;
}

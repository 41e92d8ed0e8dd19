import "./zod-config";
import { z } from "zod";

/** The one error shape every /api route answers with (see docs/architecture.md). */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const ERROR_CODES = [
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "request_timeout",
  "payload_too_large",
  "unsupported_media_type",
  "too_many_requests",
  "upstream_failed",
  "upstream_timeout",
  "upstream_unavailable",
  "store_unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  upstream_failed: 502,
  upstream_timeout: 504,
  upstream_unavailable: 503,
  store_unavailable: 503,
  internal: 500,
};

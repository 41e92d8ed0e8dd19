import "server-only";
import { ApiError } from "@/lib/server/errors";

type FastApiIssue = { loc?: unknown; msg?: unknown };

/** Maps FastAPI 422 details to field errors: ["body","hourly_rate"] → "hourly_rate". */
export function fieldsFromUpstream422(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (!Array.isArray(detail)) return fields;
  for (const issue of detail as FastApiIssue[]) {
    const loc = Array.isArray(issue.loc) ? issue.loc.map(String) : [];
    const path = ["body", "query", "path"].includes(loc[0] ?? "") ? loc.slice(1) : loc;
    const key = path.join(".") || "_";
    fields[key] ??= typeof issue.msg === "string" ? issue.msg : "Invalid value";
  }
  return fields;
}

/** A short, safe excerpt of an upstream `detail` string: upstream bodies are untrusted text. */
function upstreamDetail(body: unknown): string | undefined {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail !== "string") return undefined;
  const clean = detail.replace(/[\u0000-\u001f<>]/g, " ").trim();
  return clean ? clean.slice(0, 200) : undefined;
}

/** Turns an upstream HTTP failure into the console's error contract, never passing the raw body on. */
export function upstreamError(status: number, body: unknown, what: string): ApiError {
  const detail = upstreamDetail(body);
  if (status === 422) {
    return new ApiError("validation_failed", "Syllable rejected some fields.", fieldsFromUpstream422(body));
  }
  if (status === 404) return new ApiError("not_found", `${what} was not found.`);
  if (status === 409) return new ApiError("conflict", detail ? `Syllable reported a conflict: ${detail}` : `${what} conflicts with an existing one.`);
  if (status === 400) return new ApiError("bad_request", detail ? `Syllable refused the request: ${detail}` : "Syllable refused the request.");
  if (status === 401 || status === 403) {
    // Not a 401 for the browser: the person is signed in; it is the console's key that failed.
    return new ApiError("upstream_failed", "Syllable rejected the console's API key. Ask an admin to check SYLLABLE_API_KEY.");
  }
  if (status === 429) return new ApiError("upstream_failed", "Syllable is rate-limiting the console. Try again in a moment.");
  return new ApiError("upstream_failed", `Syllable failed to answer (HTTP ${status}). Try again in a moment.`);
}

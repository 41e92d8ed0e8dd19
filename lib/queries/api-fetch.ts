import type { ApiErrorBody } from "@/lib/schemas/api-error";

/**
 * The contract's error shape read from a response body, or null. Checked by hand rather than with
 * the zod schema so that every page's first load stays free of the schema library.
 */
export function readApiError(data: unknown): ApiErrorBody["error"] | null {
  const e = (data as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  if (!e || typeof e !== "object" || typeof e.code !== "string" || typeof e.message !== "string") return null;
  const fields = e.fields;
  if (fields !== undefined && (typeof fields !== "object" || fields === null || Object.values(fields).some((v) => typeof v !== "string"))) return null;
  if (!fields) return { code: e.code, message: e.message };
  // Copied key by key, as zod does: a key such as "__proto__" never reaches the prototype.
  const copy: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields as Record<string, string>)) copy[k] = v;
  return { code: e.code, message: e.message, fields: copy };
}

/** An /api error as the browser sees it: the contract's code, sentence and field errors. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The parsed response body, e.g. a 409's `current` (undefined when there was no response). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** fetch for the console's own /api: JSON in and out, errors thrown as ApiClientError with a readable message. */
export async function apiFetch<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: { Accept: "application/json", ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...rest.headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiClientError(0, "network", "Couldn't reach the console server. Check your connection and try again.");
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    // The session ended (expired or signed out elsewhere): go to sign-in rather than show errors.
    if (res.status === 401 && typeof window !== "undefined" && !path.startsWith("/api/auth/")) {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- outside React: no router here
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    const e = readApiError(data);
    if (e) {
      throw new ApiClientError(res.status, e.code, e.message, e.fields, data);
    }
    throw new ApiClientError(res.status, "unknown", `The server answered with HTTP ${res.status}.`, {}, data);
  }
  return data as T;
}

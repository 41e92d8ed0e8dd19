// The request line and the headers Next trusts, checked by the front server before anything
// else runs: every hostile request gets an answer in the error shape, never an exception, a 500
// or a socket left hanging. Pure: a request's method, target and headers in, a refusal out.
import type { IncomingHttpHeaders } from "node:http";
import { badPathReason } from "./request-path";

/** The methods the console answers at all; anything else (TRACE, CONNECT, PROPFIND…) is 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type Refusal = { status: 400 | 405; code: "bad_request" | "method_not_allowed"; message: string; headers?: Record<string, string> };

// A Host is a name or an IPv4 address, or an IPv6 address in brackets, with an optional port.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::\d{1,5})?$/;

/** Whether a Host header (or :authority) can be used in a URL: no spaces, brackets closed, a port of digits. */
export function validHost(host: string | undefined): host is string {
  if (!host || !HOST.test(host)) return false;
  try {
    return new URL(`http://${host}/`).host.length > 0;
  } catch {
    return false;
  }
}

/** The router state a client navigation sends: URI-encoded JSON, an array. Junk is not Next's to choke on. */
function validRouterState(value: string): boolean {
  if (value.length > 40_000) return false;
  try {
    return Array.isArray(JSON.parse(decodeURIComponent(value)));
  } catch {
    return false;
  }
}

/** Why this request is refused before routing, or null when it may go on. */
export function refuseRequestLine(req: { method?: string; url?: string; headers: IncomingHttpHeaders }): Refusal | null {
  const method = (req.method ?? "").toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `The console does not answer ${method.slice(0, 20) || "that method"} requests.`,
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    };
  }
  const target = req.url ?? "";
  // Absolute-form ("GET http://evil.example/ HTTP/1.1") and asterisk-form targets are for proxies.
  if (!target.startsWith("/") || target.startsWith("//"))
    return { status: 400, code: "bad_request", message: "The request must name a path on this console, such as /batches." };
  const host = req.headers.host;
  if (host !== undefined && !validHost(host)) return { status: 400, code: "bad_request", message: "The Host header is not a valid host name." };
  const tree = req.headers["next-router-state-tree"];
  if (tree !== undefined && (Array.isArray(tree) || !validRouterState(tree)))
    return { status: 400, code: "bad_request", message: "The page state sent with this navigation is not valid. Reload the page." };
  const reason = badPathReason(target);
  return reason ? { status: 400, code: "bad_request", message: reason } : null;
}

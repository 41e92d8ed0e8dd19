import "server-only";
import { getConfig, type ConsoleConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The console's origin as the browser sees it: PUBLIC_URL, or the host it asked for (a browser
 * cannot forge Host) with the scheme (secure cookies mean https; behind a trusted proxy, the
 * scheme it reports). Not `req.url`: behind the front server that is the internal address.
 */
export function consoleOrigin(req: Request, cfg: ConsoleConfig = getConfig()): string {
  if (cfg.publicOrigin) return cfg.publicOrigin;
  const host = (req.headers.get("host") ?? new URL(req.url).host).toLowerCase();
  const forwarded = cfg.trustProxy ? req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() : undefined;
  const scheme = cfg.cookieSecure ? "https:" : forwarded === "https" || forwarded === "http" ? `${forwarded}:` : "http:";
  return `${scheme}//${host}`;
}

function originAllowed(origin: string, req: Request, cfg: ConsoleConfig): boolean {
  if (cfg.allowedOrigins.includes(origin)) return true;
  // The Origin a page on any other host, port or scheme sends will differ.
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.origin === consoleOrigin(req, cfg);
}

/**
 * CSRF defence for every state-changing request, sign-in included: it must come from the
 * console's own origin, by `Origin` or, when a browser sends none, `Sec-Fetch-Site: same-origin`.
 * Requests carrying neither (plain scripts) are refused too: scripts use API tokens.
 */
export function assertSameOrigin(req: Request, cfg: ConsoleConfig = getConfig()): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const origin = req.headers.get("origin");
  const ok = origin !== null ? origin !== "null" && originAllowed(origin, req, cfg) : req.headers.get("sec-fetch-site") === "same-origin";
  if (!ok) {
    throw new ApiError("forbidden", "This change was refused because it did not come from the console's own pages. Reload the console and try again.");
  }
}

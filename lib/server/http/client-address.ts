import "server-only";

/**
 * The client's network address. The front server (scripts/serve.ts) always overwrites
 * `x-client-ip` with the socket address, or with the address a trusted proxy reported
 * (TRUST_PROXY=1), so a client cannot choose it.
 */
export function clientAddress(headers: Headers): string {
  return headers.get("x-client-ip")?.slice(0, 64) || "unknown";
}

// Checks of the request line made before Next routes anything: Next answers a plain-text 500 to
// broken percent-encoding, and an id of thousands of characters only fails upstream (431 → 502).

/** The longest path segment (a batch or campaign id, once decoded) the console accepts. */
export const MAX_SEGMENT_LENGTH = 256;

/**
 * Why one decoded path segment (an id) is refused, or null. The one rule for ids in addresses:
 * the front server applies it before Next routes, route handlers again to the ids they are given.
 */
export function badSegmentReason(decoded: string): string | null {
  // A lone surrogate or a NUL means it was not valid text (e.g. percent-encoded bytes that are not UTF-8).
  if (!decoded.isWellFormed() || decoded.includes("\0")) return "The address contains characters that are not valid text.";
  if (decoded.length > MAX_SEGMENT_LENGTH) return `A part of the address is longer than ${MAX_SEGMENT_LENGTH} characters.`;
  // "." and ".." name no batch or campaign; sent on, they would climb Syllable's path (/batches/.. → /).
  if (decoded === "." || decoded === "..") return "The address has a '.' or '..' part, which names nothing here.";
  return null;
}

/** Why a request path is refused, as a sentence, or null when it is fine. */
export function badPathReason(rawUrl: string): string | null {
  const path = rawUrl.split("?", 1)[0] ?? "";
  for (const segment of path.split("/")) {
    // Literal dot segments are resolved by any client before sending; only encoded ones arrive.
    if (segment === "." || segment === "..") return "The address has a '.' or '..' part, which names nothing here.";
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The address contains broken percent-encoding.";
    }
    const reason = badSegmentReason(decoded);
    if (reason) return reason;
  }
  return null;
}

/**
 * The client's address: the socket's, or with a trusted reverse proxy (TRUST_PROXY=1) the last
 * X-Forwarded-For entry, the one that proxy appended (earlier entries are the client's to forge).
 */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const last = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").at(-1)?.trim();
    if (last) return last;
  }
  return socketAddress ?? "unknown";
}

import "server-only";

// The sandbox runs on simulated time and says so in X-Sandbox-Now; ETAs and "is it inside the
// calling window" must be computed on the upstream's clock, not the console's. Live Syllable sends
// no such header and the offset stays 0.
let offsetMs = 0;

export function recordUpstreamNow(header: string | null): void {
  if (!header) return;
  const t = Date.parse(header);
  if (Number.isFinite(t)) offsetMs = t - Date.now();
}

/** Now, on the upstream's clock. */
export function upstreamNow(): Date {
  return new Date(Date.now() + offsetMs);
}

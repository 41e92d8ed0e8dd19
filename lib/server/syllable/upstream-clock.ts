import "server-only";
import { processSingleton } from "@/lib/process-singletons";

// Times from Syllable are on Syllable's clock; ETAs, "is it inside the calling window" and
// "how long ago" must be computed on that clock, not the console's. The sandbox runs on
// simulated time and says so in X-Sandbox-Now (ms precision); live Syllable sends an HTTP Date
// (1 s precision), which still catches a skewed clock on either side. Shared by every bundle of
// the process.
const g = processSingleton("upstream-clock", () => ({ offsetMs: undefined as number | undefined }));
/** Differences smaller than this are rounding of the Date header, not skew. */
const DATE_PRECISION_MS = 2_000;

/** Records the upstream's clock from a response's headers. */
export function recordUpstreamNow(sandboxNow: string | null, date?: string | null): void {
  const precise = sandboxNow ? Date.parse(sandboxNow) : NaN;
  if (Number.isFinite(precise)) {
    g.offsetMs = precise - Date.now();
    return;
  }
  const coarse = date ? Date.parse(date) : NaN;
  if (!Number.isFinite(coarse)) return;
  const offset = coarse - Date.now();
  g.offsetMs = Math.abs(offset) < DATE_PRECISION_MS ? 0 : offset;
}

/** Now, on the upstream's clock. */
export function upstreamNow(): Date {
  return new Date(Date.now() + (g.offsetMs ?? 0));
}

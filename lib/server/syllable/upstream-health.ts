// What this instance last learnt of Syllable from its own calls: the readiness probe answers from
// it instead of calling Syllable on every probe (a slow Syllable must not make every instance's
// health check time out at once, and probes must not cost upstream calls).
import { processSingleton } from "@/lib/process-singletons";

type Known = { ok: boolean; at: number; latencyMs: number };
const g = processSingleton("upstream-health", () => ({ known: undefined as Known | undefined, probe: null as Promise<unknown> | null }));

/** Records the outcome of one call (any answer below 500 means Syllable is up). */
export function noteUpstream(outcome: string, latencyMs: number, now = Date.now()): void {
  const down = outcome === "timeout" || outcome === "unreachable" || /^5\d\d$/.test(outcome);
  g.known = { ok: !down, at: now, latencyMs: Math.round(latencyMs) };
}

/** The last known state (null: no call yet). */
export function knownUpstream(): Known | null {
  return g.known ?? null;
}

/**
 * Keeps the known state fresh without waiting on it: when it is older than `maxAgeMs` (or
 * missing), one probe is started (never two at once) and awaited at most `waitMs`.
 */
export async function refreshUpstream(probe: () => Promise<unknown>, opts: { maxAgeMs: number; waitMs: number; now?: number }): Promise<void> {
  const known = knownUpstream();
  if (known && (opts.now ?? Date.now()) - known.at < opts.maxAgeMs) return;
  g.probe ??= probe()
    .catch(() => undefined)
    .finally(() => (g.probe = null));
  await Promise.race([g.probe, new Promise((r) => setTimeout(r, opts.waitMs).unref?.())]);
}

/** Forgets what is known (tests). */
export function resetUpstreamHealthForTests(): void {
  g.known = undefined;
  g.probe = null;
}

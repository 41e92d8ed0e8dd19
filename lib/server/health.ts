import "server-only";
// Readiness, as GET /api/health answers it. Anyone may ask (load balancers, the launcher); it
// reveals the mode and whether the store and Syllable answer, nothing else. 503 only when the
// store is not usable: that is what replacing this instance could fix. Syllable is reported from
// what this instance's own calls last saw (and the breaker), not called on each probe: a slow
// Syllable must not time out every instance's health check at once. Syllable failing is
// "degraded", still 200: every instance shares that upstream, so taking them all out helps no one.
import { isDraining } from "@/lib/front-server/shutdown";
import type { Health } from "@/lib/schemas/api-responses";
import { getConfig } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { getSyllable } from "@/lib/server/syllable";
import { breakerStates } from "@/lib/server/syllable/http";
import { knownUpstream, refreshUpstream } from "@/lib/server/syllable/upstream-health";

/** The known state counts this long; older, one background probe refreshes it (at most 2 a minute). */
const UPSTREAM_FRESH_MS = 30_000;
/** A probe started by this request is waited for this long at most (the very first one, at start: longer). */
const PROBE_WAIT_MS = 80;
const FIRST_PROBE_WAIT_MS = 1_000;
const STORE_WAIT_MS = 1_000;

/** Whether the console's own store answers (a trivial read, bounded). */
async function storeOk(): Promise<boolean> {
  const ping = getStore()
    .users.findById(0)
    .then(() => true)
    .catch(() => false);
  return Promise.race([ping, new Promise<boolean>((r) => setTimeout(() => r(false), STORE_WAIT_MS).unref?.())]);
}

/** This instance's readiness and the HTTP status to answer it with. */
export async function readiness(): Promise<{ health: Health; status: 200 | 503 }> {
  const { mode, baseUrl } = getConfig();
  const [, store] = await Promise.all([
    refreshUpstream(() => getSyllable().listCampaigns({ page: 0, limit: 1 }), {
      maxAgeMs: UPSTREAM_FRESH_MS,
      waitMs: knownUpstream() ? PROBE_WAIT_MS : FIRST_PROBE_WAIT_MS,
    }),
    storeOk(),
  ]);
  const known = knownUpstream();
  const breakerClosed = (breakerStates().find((b) => b.upstream === baseUrl)?.state ?? "closed") === "closed";
  const upstream = { ok: !!known?.ok && breakerClosed, latency_ms: known?.latencyMs ?? 0 };
  // Draining (SIGTERM): finishing what it has, taking nothing new; the balancer moves on.
  if (isDraining()) return { health: { status: "draining", mode, upstream, store: { ok: store } }, status: 503 };
  const status = !store ? "unavailable" : upstream.ok ? "ok" : "degraded";
  const checked_at = known ? new Date(known.at).toISOString() : null;
  return { health: { status, mode, upstream: { ...upstream, checked_at }, store: { ok: store } }, status: store ? 200 : 503 };
}

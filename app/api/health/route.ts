import { json } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { getSyllable } from "@/lib/server/syllable";

/** Whether the console's own store answers (a trivial read). */
async function storeOk(): Promise<boolean> {
  try {
    await getStore().users.findById(0);
    return true;
  } catch {
    return false;
  }
}

// Readiness. Anyone may ask (load balancers, the launcher); it reveals the mode and whether the
// store and Syllable answer, nothing else. 503 when the store is not usable: this instance cannot
// serve, and a balancer should send people elsewhere. Syllable failing is reported ("degraded")
// but answered 200: every instance shares that upstream, so taking them all out helps no one.
// Liveness (the process answers at all) is GET /api/health/live.
export async function GET() {
  const { mode } = getConfig();
  const started = performance.now();
  const [upstreamOk, store] = await Promise.all([
    getSyllable()
      .listCampaigns({ page: 0, limit: 1 })
      .then(() => true)
      .catch(() => false),
    storeOk(),
  ]);
  const latency_ms = Math.round(performance.now() - started);
  const status = !store ? "unavailable" : upstreamOk ? "ok" : "degraded";
  return json({ status, mode, upstream: { ok: upstreamOk, latency_ms }, store: { ok: store } }, { status: store ? 200 : 503 });
}

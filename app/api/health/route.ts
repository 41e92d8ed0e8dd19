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

// Anyone may ask (load balancers, the launcher); it reveals the mode and whether the store and
// Syllable answer, nothing else. 503 when either is not usable, so a balancer can tell.
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
  const ok = upstreamOk && store;
  return json({ status: ok ? "ok" : "degraded", mode, upstream: { ok: upstreamOk, latency_ms }, store: { ok: store } }, { status: ok ? 200 : 503 });
}

import { json } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";
import { getSyllable } from "@/lib/server/syllable";

// Anyone may ask (load balancers, the launcher); it reveals the mode and whether Syllable answers, nothing else.
export async function GET() {
  const { mode } = getConfig();
  const started = performance.now();
  let ok = true;
  try {
    await getSyllable().listCampaigns({ page: 0, limit: 1 });
  } catch {
    ok = false;
  }
  const latency_ms = Math.round(performance.now() - started);
  return json({ status: ok ? "ok" : "degraded", mode, upstream: { ok, latency_ms } });
}

import crypto from "node:crypto";
import { metrics } from "@/lib/observability/metrics";
import { bearerToken } from "@/lib/server/auth/api-tokens";
import { getConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { withRole } from "@/lib/server/auth/with-role";
import { getLiveEngine } from "@/lib/server/live";
import { getStore } from "@/lib/server/store";
import { breakerStates } from "@/lib/server/syllable/http";

const same = (a: string, b: string) => {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
};

/**
 * Prometheus metrics (text format) for the operator's scraper, with `Authorization: Bearer
 * <METRICS_TOKEN>`. Without METRICS_TOKEN configured there are no metrics to read: 404.
 */
export const GET = withRole("GET /api/metrics", async ({ req }) => {
  const { metricsToken } = getConfig();
  if (!metricsToken) throw new ApiError("not_found", "There is no API at this address.");
  const token = bearerToken(req.headers);
  if (!token || !same(token, metricsToken)) throw new ApiError("unauthorized", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.");
  const m = metrics();
  // Gauges of state held elsewhere are read at scrape time.
  m.circuitOpen.reset();
  m.circuitState.reset();
  for (const b of breakerStates()) {
    m.circuitOpen.set({ upstream: b.upstream }, b.state === "closed" ? 0 : 1);
    for (const state of ["closed", "open", "half-open"]) m.circuitState.set({ upstream: b.upstream, state }, b.state === state ? 1 : 0);
  }
  const engine = getLiveEngine().stats();
  m.engineBatches.set(engine.batches);
  m.engineLag.set(Math.max(0, engine.lagMs) / 1000);
  const results = await getStore()
    .results.size()
    .catch(() => null); // the database not answering leaves the last figures
  if (results) {
    m.resultRows.set({ what: "rows" }, results.rows);
    m.resultRows.set({ what: "sets" }, results.sets);
  }
  return new Response(await m.registry.metrics(), { headers: { "Content-Type": m.registry.contentType, "Cache-Control": "no-store" } });
});

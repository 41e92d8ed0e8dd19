import "server-only";
// The process's live engine, wired to Syllable and the store. A process singleton: pages and route
// handlers are separate bundles of one process and must share one engine (one loop per batch).
import { noteCounts } from "@/lib/server/results/counts";
import { readBatchDetail } from "@/lib/server/batches/service";
import { getConfig } from "@/lib/server/env";
import { isApiError } from "@/lib/server/errors";
import { evaluateAlerts } from "./alerts";
import { storeCoordination } from "./coordination";
import { LiveEngine } from "./engine";
import { createdProcessSingletons, forgetProcessSingleton, processSingleton } from "@/lib/process-singletons";

export { LiveEngine, WATCH_TTL_MS } from "./engine";
export type { LiveEvent } from "./engine";

/** The live engine (created on first use from the validated configuration). */
export function getLiveEngine(): LiveEngine {
  return processSingleton("live-engine", () => {
    const { livePollMs, liveIdlePollMs, databaseUrl } = getConfig();
    return new LiveEngine({
      read: readBatchDetail,
      observe: (batchId, state) => {
        noteCounts(batchId, state.status_counts);
        return evaluateAlerts(batchId, state);
      },
      observeFailure: evaluateAlerts,
      isGone: (err) => isApiError(err) && err.code === "not_found",
      // "Try again" is advice for a person's request; the engine tries again by itself.
      describe: (err) => (isApiError(err) ? err.message.replace(/\s*Try again[^.]*\.$/, "") : "Something went wrong on our side."),
      now: Date.now,
      watchedMs: livePollMs,
      idleMs: liveIdlePollMs,
      // Several instances share one Postgres: one of them reads each batch (see coordination.ts).
      coordination: databaseUrl ? storeCoordination(getLiveEngine) : undefined,
    });
  });
}

/** Stops and forgets the engine (tests that change the configuration). */
export function resetLiveEngineForTests(): void {
  if (createdProcessSingletons().includes("live-engine")) getLiveEngine().stop();
  forgetProcessSingleton("live-engine");
}

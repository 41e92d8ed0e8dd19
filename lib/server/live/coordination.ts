import "server-only";
// The live engine across console instances on one Postgres (DATABASE_URL): leases say which
// instance reads each batch, shared states carry what it read to the others, and the store's
// event bus (LISTEN/NOTIFY) tells them at once. Without DATABASE_URL there is one instance and
// none of this runs.
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { getStore } from "@/lib/server/store";
import type { EngineCoordination, LiveEngine } from "./engine";

import { INSTANCE_ID } from "@/lib/server/instance";

const SHARED = "live:shared";
const WATCHED = "live:watched";

/** The engine's coordination over the store, and the subscriptions that feed events back into `engine()`. */
export function storeCoordination(engine: () => LiveEngine): EngineCoordination {
  const store = getStore();
  store.events.subscribe(SHARED, (p) => {
    const { batchId, from } = p as { batchId: string; from: string };
    if (from !== INSTANCE_ID) engine().sharedStateChanged(batchId);
  });
  store.events.subscribe(WATCHED, (p) => {
    const { batchId, from } = p as { batchId: string; from: string };
    if (from !== INSTANCE_ID) engine().watchedElsewhere(batchId);
  });
  return {
    lead: (batchId, ttlMs) => store.leases.acquire(`live:${batchId}`, INSTANCE_ID, ttlMs),
    async share(batchId, state, fetchedAt) {
      await store.liveStates.put(`batch:${batchId}`, state, fetchedAt);
      await store.events.publish(SHARED, { batchId, from: INSTANCE_ID });
    },
    async latest(batchId) {
      const row = await store.liveStates.get(`batch:${batchId}`);
      return row ? { state: row.body as BatchDetailResponse, fetchedAt: row.fetchedAt } : null;
    },
    watching(batchId) {
      store.events.publish(WATCHED, { batchId, from: INSTANCE_ID }).catch(() => undefined);
    },
  };
}

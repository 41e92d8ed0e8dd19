import "server-only";
// Which batches the live engine follows with nobody watching: every ACTIVE or PAUSED batch,
// re-listed every LIVE_DISCOVERY_MS, 5 s (two list calls to Syllable per round, whatever their
// number; one instance lists for all): a batch created anywhere, through the console or not,
// is on the overview within seconds.
import { getConfig } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { getSyllable, upstreamNow } from "@/lib/server/syllable";
import { INSTANCE_ID } from "@/lib/server/instance";
import { getLiveEngine } from "./index";
import { processSingleton } from "@/lib/process-singletons";

/** At most this many of each status are followed (the newest first). */
export const DISCOVERY_LIMIT = 100;
const TRACKED_STATUSES = ["ACTIVE", "PAUSED"] as const;

const state = () => processSingleton("live-discovery", () => ({ at: 0, running: null as Promise<void> | null }));

/** The active and paused batch ids, from Syllable (two list calls). */
async function listActive(): Promise<string[]> {
  const syllable = getSyllable();
  const lists = await Promise.all(
    TRACKED_STATUSES.map((status) =>
      syllable.listBatches({ search: [{ field: "status", value: status }], limit: DISCOVERY_LIMIT, order_by: "last_updated_at", order_by_direction: "desc" }),
    ),
  );
  return [
    ...new Set(lists.flatMap((l) => l.items.filter((b) => TRACKED_STATUSES.includes(String(b.status ?? "").toUpperCase() as never)).map((b) => b.batch_id))),
  ];
}

/**
 * The active batch ids. With several instances (DATABASE_URL) one of them lists (it holds the
 * discovery lease) and shares the list; the others take the shared one while it is fresh.
 */
async function activeIds(): Promise<string[]> {
  const { databaseUrl, liveDiscoveryMs } = getConfig();
  if (!databaseUrl) return listActive();
  const store = getStore();
  if (!(await store.leases.acquire("live:discovery", INSTANCE_ID, Math.round(liveDiscoveryMs * 1.5)))) {
    const shared = await store.liveStates.get("discovery");
    if (shared && Date.now() - shared.fetchedAt < liveDiscoveryMs * 2) return (shared.body as { ids: string[] }).ids;
  }
  const ids = await listActive();
  await store.liveStates.put("discovery", { ids }, Date.now());
  return ids;
}

/** Lists the active and paused batches and makes the engine follow exactly those. */
export async function discoverActiveBatches(): Promise<void> {
  const s = state();
  s.running ??= (async () => {
    try {
      const engine = getLiveEngine();
      const active = new Set(await activeIds());
      for (const id of engine.trackedIds()) if (!active.has(id)) engine.untrack(id);
      for (const id of active) engine.track(id);
      s.at = Date.now();
    } finally {
      s.running = null;
    }
  })();
  return s.running;
}

/** Discovers now unless a round finished within the discovery cadence (the overview's first load). */
export async function ensureDiscovered(): Promise<number> {
  const s = state();
  if (Date.now() - s.at > getConfig().liveDiscoveryMs) await discoverActiveBatches();
  return s.at;
}

/** Snapshot retention (one a minute for 7 days, one an hour for 90 days): a background job, hourly. */
export async function pruneSnapshots(): Promise<void> {
  await getStore().snapshots.prune(upstreamNow().toISOString());
}

// Every process-wide singleton of a console instance, in one registry. Why not module variables:
// Next bundles pages and route handlers separately, and the front server (scripts/serve.ts) is
// outside those bundles; each evaluates its own copy of a module, so a module-level variable
// would exist several times in one process (one instance id per bundle made the audit sweep
// take a live writer for dead). The registry lives under one global symbol; everything else asks
// it by name.

/** What each singleton is; the names are the registry's keys. */
export const PROCESS_SINGLETONS = {
  "instance-id": "this process's id among the instances sharing one Postgres (leases, audit intents)",
  store: "the console's store (SQLite file or Postgres pool), opened on first use",
  "live-engine": "the live engine: one read loop per followed batch, pushing to every watcher",
  "live-discovery": "when the active batches were last listed, and the round in flight",
  "open-streams": "the event streams open on this process (per-user caps, reconnect on shutdown)",
  "alert-bus": "this process's alert listeners, fed by the store's event bus",
  "batch-caches": "short-lived caches of campaigns and batch details",
  "counts-seen": "each batch's status counts as the live engine last saw them (stored results behind them are read again)",
  "results-reads": "the results reads in progress on this process (concurrent requests share one)",
  "results-views": "the total and facet counts of stored result sets, per generation and filter",
  "syllable-breakers": "one circuit breaker per Syllable base URL",
  "upstream-health": "the last known state of Syllable, for readiness without calling it",
  "upstream-clock": "the offset of Syllable's clock from this machine's",
  metrics: "the Prometheus registry behind GET /api/metrics",
  logger: "the JSON logger",
  "request-context": "the request being served (its id on log lines and upstream calls)",
  "fast-lane": "the routes the front server answers without Next's routing",
  shutdown: "what to do on SIGTERM, and whether this process is draining",
  "background-jobs": "the timers of the background jobs (lib/server/background-jobs.ts)",
  "scheduler-ticks": "the scheduler ticks running in this process, so that one never overlaps itself (lib/server/schedule/scheduler.ts)",
  "phone-zone-data": "number prefixes to time zones and US places, decoded once (lib/server/schedule/phone-zones.ts)",
  "oidc-discovery": "each OpenID provider's discovered configuration (lib/server/auth/oidc.ts)",
  "released-bands": "each followed batch's released bands for its ETA, kept a minute (lib/server/batches/service.ts)",
  "report-sync-running": "which holders' report syncs are under way in this process (lib/server/results/service.ts)",
} as const;

export type ProcessSingletonName = keyof typeof PROCESS_SINGLETONS;

const REGISTRY = Symbol.for("outbound-console.process-singletons");
const registry = (): Map<ProcessSingletonName, unknown> =>
  ((globalThis as { [REGISTRY]?: Map<ProcessSingletonName, unknown> })[REGISTRY] ??= new Map<ProcessSingletonName, unknown>());

/** The process's one `name`, created by `create` on first use. */
export function processSingleton<T>(name: ProcessSingletonName, create: () => T): T {
  const all = registry();
  if (!all.has(name)) all.set(name, create());
  return all.get(name) as T;
}

/** Forgets `name` (tests that change the configuration; the next use creates it again). */
export function forgetProcessSingleton(name: ProcessSingletonName): void {
  registry().delete(name);
}

/** The singletons this process has created so far. */
export function createdProcessSingletons(): ProcessSingletonName[] {
  return [...registry().keys()];
}

// Runs once when the console's server starts (Next calls `register`): starts the background jobs
// (lib/server/background-jobs.ts lists them all), installs the fast lane, and says what to do on
// SIGTERM. Nothing here waits on Syllable: serving must not.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/server/env");
  const { backgroundJobs, startBackgroundJobs, stopBackgroundJobs } = await import("@/lib/server/background-jobs");
  const config = getConfig();
  startBackgroundJobs(backgroundJobs(config), { severalInstances: !!config.databaseUrl });
  // The front server answers the hottest read (a batch's live state) without Next's routing.
  const [{ installFastLane }, { fastLaneRoutes }] = await Promise.all([import("@/lib/front-server/fast-lane"), import("@/app/api/fast-lane-routes")]);
  installFastLane(fastLaneRoutes);
  // On SIGTERM (scripts/serve.ts), in this order: the background jobs stop; streams are told to
  // reconnect (elsewhere, through the balancer); the live engine stops and hands its batches to
  // the other instances at once (its leases released).
  const [{ installShutdown }, { closeAllStreams }, { getLiveEngine }, { getStore }, { INSTANCE_ID }] = await Promise.all([
    import("@/lib/front-server/shutdown"),
    import("@/lib/server/live/event-stream"),
    import("@/lib/server/live"),
    import("@/lib/server/store"),
    import("@/lib/server/instance"),
  ]);
  installShutdown(async () => {
    stopBackgroundJobs();
    closeAllStreams("This console instance is restarting; live updates reconnect by themselves.");
    const engine = getLiveEngine();
    const batches = engine.trackedIds();
    engine.stop();
    if (config.databaseUrl) {
      const leases = getStore().leases;
      await Promise.all([...batches.map((id) => `live:${id}`), "live:discovery"].map((key) => leases.release(key, INSTANCE_ID).catch(() => undefined)));
    }
  });
}

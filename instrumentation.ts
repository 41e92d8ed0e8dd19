// Runs once when the console's server starts (Next calls `register`). Starts the live engine's
// discovery of active batches. And: a console stopped mid-write
// (crash, SIGKILL, deploy) leaves audit intents pending: settle them by reading their targets
// back. Not awaited: Syllable may be slow, and serving must not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reconcilePendingAudit, startAuditSweep } = await import("@/lib/server/audit-reconcile");
  // Several instances on one Postgres: each beats (a lease the others read) and settles the intents of dead ones.
  const { getConfig } = await import("@/lib/server/env");
  if (getConfig().databaseUrl) {
    const { startHeartbeat } = await import("@/lib/server/instance");
    startHeartbeat();
    startAuditSweep();
  }
  // The live engine follows every active batch from the start (history and the overview do not wait for a viewer).
  const { startDiscovery } = await import("@/lib/server/live/discovery");
  startDiscovery();
  // The front server answers the hottest read (a batch's live state) without Next's routing.
  const [{ installFastLane }, { fastLaneRoutes }] = await Promise.all([import("@/lib/front-server/fast-lane"), import("@/app/api/fast-lane-routes")]);
  installFastLane(fastLaneRoutes);
  // On SIGTERM (scripts/serve.ts): streams are told to reconnect (elsewhere, through the
  // balancer), the live engine stops and hands its batches to the other instances at once.
  const [{ installShutdown }, { closeAllStreams }, { getLiveEngine }, { getStore }, { INSTANCE_ID }] = await Promise.all([
    import("@/lib/front-server/shutdown"),
    import("@/lib/server/live/event-stream"),
    import("@/lib/server/live"),
    import("@/lib/server/store"),
    import("@/lib/server/instance"),
  ]);
  installShutdown(async () => {
    closeAllStreams("This console instance is restarting; live updates reconnect by themselves.");
    const engine = getLiveEngine();
    const batches = engine.trackedIds();
    engine.stop();
    if (getConfig().databaseUrl) {
      const leases = getStore().leases;
      await Promise.all([...batches.map((id) => `live:${id}`), "live:discovery"].map((key) => leases.release(key, INSTANCE_ID).catch(() => undefined)));
    }
  });
  reconcilePendingAudit().then(
    (n) => n > 0 && console.log(`Settled ${n} audit ${n === 1 ? "entry" : "entries"} left pending by an interrupted write.`),
    (err: unknown) => console.error("Could not settle pending audit entries:", err),
  );
}

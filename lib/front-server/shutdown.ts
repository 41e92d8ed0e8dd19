// Graceful shutdown, shared by the front server (scripts/serve.ts, which gets SIGTERM) and Next's
// bundles (which hold the live engine and the streams): on globalThis, as the fast lane is.
// instrumentation.ts installs what the console must do before it goes; readiness reads the flag.

const HOOK = Symbol.for("outbound-console.shutdown");
const DRAINING = Symbol.for("outbound-console.draining");
const holder = globalThis as { [HOOK]?: () => Promise<void>; [DRAINING]?: boolean };

/** What to do when the process is asked to stop (close streams, hand batches over). */
export function installShutdown(hook: () => Promise<void>): void {
  holder[HOOK] = hook;
}

/** Marks the process as draining (readiness answers 503) and runs the installed hook once. */
export async function beginShutdown(): Promise<void> {
  if (holder[DRAINING]) return;
  holder[DRAINING] = true;
  await holder[HOOK]?.();
}

/** Whether this process is draining: it finishes what it has, and takes nothing new. */
export function isDraining(): boolean {
  return holder[DRAINING] === true;
}

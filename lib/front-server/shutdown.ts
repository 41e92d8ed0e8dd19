// Graceful shutdown, shared by the front server (scripts/serve.ts, which gets SIGTERM) and Next's
// bundles (which hold the live engine and the streams): a process singleton, as the fast lane is.
// instrumentation.ts installs what the console must do before it goes; readiness reads the flag.
import { processSingleton } from "../process-singletons";

const state = () => processSingleton("shutdown", () => ({ hook: undefined as (() => Promise<void>) | undefined, draining: false }));

/** What to do when the process is asked to stop (close streams, hand batches over). */
export function installShutdown(hook: () => Promise<void>): void {
  state().hook = hook;
}

/** Marks the process as draining (readiness answers 503) and runs the installed hook once. */
export async function beginShutdown(): Promise<void> {
  const s = state();
  if (s.draining) return;
  s.draining = true;
  await s.hook?.();
}

/** Whether this process is draining: it finishes what it has, and takes nothing new. */
export function isDraining(): boolean {
  return state().draining;
}

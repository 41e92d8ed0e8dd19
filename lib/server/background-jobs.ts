import "server-only";
// Everything an instance runs in the background, in one list: what, how often, and who does it
// when several instances share one Postgres. instrumentation.ts starts them at server start;
// shutdown stops them, in the reverse order, before the live engine hands its batches over.
import { processSingleton } from "@/lib/process-singletons";
import { settleInterruptedWrites, SWEEP_MS, sweepDeadInstances } from "@/lib/server/audit-reconcile";
import type { ConsoleConfig } from "@/lib/server/load-config";
import { HEARTBEAT_MS, renewHeartbeat } from "@/lib/server/instance";
import { discoverActiveBatches, pruneSnapshots } from "@/lib/server/live/discovery";
import { pruneResults, syncStoredResults } from "@/lib/server/results/service";
import { schedulerTick } from "@/lib/server/schedule/scheduler";
import { sweepQueuedRequests } from "@/lib/server/suppression/sweep";

export type BackgroundJob = {
  name: string;
  /** How often it runs after its first run at start; null: once, at start. */
  everyMs: number | null;
  /** "several": only when instances share Postgres (DATABASE_URL). */
  runsWith: "one or several" | "several";
  /** Who does the work when there are several instances. */
  who: string;
  run: () => Promise<void>;
};

export function backgroundJobs(
  config: Pick<ConsoleConfig, "liveDiscoveryMs" | "resultsRetentionDays" | "suppressionSweepMs" | "schedulerTickMs" | "reportSyncMs">,
): BackgroundJob[] {
  return [
    { name: "heartbeat", everyMs: HEARTBEAT_MS, runsWith: "several", who: "each instance, for itself (a lease the others read)", run: renewHeartbeat },
    {
      name: "settle interrupted writes",
      everyMs: null,
      runsWith: "one or several",
      who: "each instance at start (intents of live writers are left to them)",
      run: settleInterruptedWrites,
    },
    {
      name: "audit sweep",
      everyMs: SWEEP_MS,
      runsWith: "several",
      who: "each instance, for the intents of instances that stopped beating",
      run: sweepDeadInstances,
    },
    {
      name: "live discovery",
      everyMs: config.liveDiscoveryMs,
      runsWith: "one or several",
      who: "one instance lists (the discovery lease) and shares the list; each follows it",
      run: discoverActiveBatches,
    },
    { name: "snapshot retention", everyMs: 3_600_000, runsWith: "one or several", who: "each instance (idempotent deletes)", run: pruneSnapshots },
    {
      name: "results retention",
      everyMs: 3_600_000,
      runsWith: "one or several",
      who: "each instance (idempotent deletes)",
      run: async () => void (await pruneResults(config.resultsRetentionDays)),
    },
    {
      name: "suppression sweep",
      everyMs: config.suppressionSweepMs,
      runsWith: "one or several",
      who: "one instance at a time (the sweep lease); each batch's progress is kept in the store",
      run: sweepQueuedRequests,
    },
    {
      name: "scheduler",
      everyMs: config.schedulerTickMs,
      runsWith: "one or several",
      who: "one instance at a time (the scheduler lease); what it did is kept in the store",
      run: schedulerTick,
    },
    {
      name: "report sync",
      everyMs: config.reportSyncMs,
      runsWith: "one or several",
      who: "one instance at a time (the report-sync lease); reads each batch whose results moved, one after another",
      run: async () => void (await syncStoredResults()),
    },
  ];
}

type Running = { name: string; timer: ReturnType<typeof setInterval> | null };
const running = () => processSingleton("background-jobs", () => [] as Running[]);

/** Starts the jobs that apply (each runs once now, then on its period); a second call does nothing. */
export function startBackgroundJobs(jobs: BackgroundJob[], opts: { severalInstances: boolean }): string[] {
  const started = running();
  if (started.length) return started.map((r) => r.name);
  for (const job of jobs) {
    if (job.runsWith === "several" && !opts.severalInstances) continue;
    // A job failing on every run (Postgres or Syllable down) is logged when it starts failing and
    // when it works again, not every period.
    let failing = false;
    const once = () =>
      void job.run().then(
        () => {
          if (failing) console.log(`Background job "${job.name}" works again.`);
          failing = false;
        },
        (err: unknown) => {
          if (!failing) console.error(`Background job "${job.name}" failed:`, err instanceof Error ? err.message : err);
          failing = true;
        },
      );
    once();
    const timer = job.everyMs === null ? null : setInterval(once, job.everyMs);
    timer?.unref?.();
    started.push({ name: job.name, timer });
  }
  return started.map((r) => r.name);
}

/** Stops every started job, the last started first; returns their names in that order. */
export function stopBackgroundJobs(): string[] {
  const started = running();
  const stopped: string[] = [];
  while (started.length) {
    const r = started.pop()!;
    if (r.timer) clearInterval(r.timer);
    stopped.push(r.name);
  }
  return stopped;
}

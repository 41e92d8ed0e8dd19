import "server-only";
// Requests already queued when their number goes onto a list (or a list is assigned): removed
// upstream before they are dialled. A background job every SUPPRESSION_SWEEP_S (10 s) compares
// the store's change counter with the one each unfinished batch was last checked at; a batch
// behind it has its PENDING requests read from Syllable (streamed, a chunk at a time) and those
// with a suppressed number removed through remove-requests, each removal audited with its lists.
// One instance sweeps at a time (a lease), and a batch's progress is kept in the store, so two
// instances never remove a request twice and a successor goes on where the other stopped.
import { audited } from "@/lib/server/audit";
import { invalidateBatch } from "@/lib/server/batches/batch-caches";
import { INSTANCE_ID } from "@/lib/server/instance";
import { jsonArraySplitter } from "@/lib/server/results/json-array-splitter";
import { getStore } from "@/lib/server/store";
import { getSyllable } from "@/lib/server/syllable";
import { listsApplyTo, suppressedTargets } from "./matching";

const LEASE_KEY = "suppression:sweep";
const LEASE_MS = 60_000;
/** Pending requests checked per lookup, and removed per remove-requests call. */
const CHUNK = 1_000;
/** Unfinished batches listed per status (the newest first), as the live discovery does. */
const BATCHES_PER_STATUS = 200;
const UNFINISHED = ["ACTIVE", "PAUSED", "PENDING"] as const;

/** The console itself, as the audit log names it. */
export const SWEEP_ACTOR = { email: "suppression sweep", role: "system" as const };

type Queued = { reference_id: string; target: string };

async function unfinishedBatches(): Promise<Array<{ batch_id: string; campaign_id: number }>> {
  const lists = await Promise.all(
    UNFINISHED.map((status) =>
      getSyllable().listBatches({
        search: [{ field: "status", value: status }],
        limit: BATCHES_PER_STATUS,
        order_by: "last_updated_at",
        order_by_direction: "desc",
      }),
    ),
  );
  const seen = new Map<string, number>();
  for (const b of lists.flatMap((l) => l.items)) if (typeof b.campaign_id === "number") seen.set(b.batch_id, b.campaign_id);
  return [...seen].map(([batch_id, campaign_id]) => ({ batch_id, campaign_id }));
}

/** Removes one chunk's suppressed requests from the batch: how many. */
async function removeSuppressed(batchId: string, campaignId: number, queued: Queued[]): Promise<number> {
  const found = await suppressedTargets(
    queued.map((q) => q.target),
    campaignId,
  );
  const removals = queued.flatMap((q, i) => {
    const on = found[i];
    return on ? [{ reference_id: q.reference_id, number: on.number, lists: on.lists }] : [];
  });
  if (!removals.length) return 0;
  const names = [...new Set(removals.flatMap((r) => r.lists))];
  await audited(
    SWEEP_ACTOR,
    "batch.request.remove",
    `batch:${batchId}`,
    { reason: `removed: on list ${names.join(", ")}`, count: removals.length, removals },
    () =>
      getSyllable().removeBatchRequests(
        batchId,
        removals.map((r) => r.reference_id),
      ),
  );
  return removals.length;
}

/** Reads the batch's PENDING requests and removes the suppressed ones, a chunk at a time. */
async function sweepBatch(batchId: string, campaignId: number, renew: () => Promise<void>): Promise<number> {
  let removed = 0;
  await getSyllable().streamBatchResults(batchId, { status: "PENDING" }, async (body) => {
    let chunk: Queued[] = [];
    const splitter = jsonArraySplitter((value) => {
      const r = value as { reference_id?: unknown; target?: unknown; request_status?: unknown };
      // Only what is still queued: a filter the upstream ignored must not remove dialled requests.
      if (typeof r.reference_id === "string" && typeof r.target === "string" && String(r.request_status ?? "").toUpperCase() === "PENDING")
        chunk.push({ reference_id: r.reference_id, target: r.target });
    });
    const flush = async () => {
      const taken = chunk;
      chunk = [];
      if (taken.length) removed += await removeSuppressed(batchId, campaignId, taken);
      await renew();
    };
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      splitter.write(value);
      if (chunk.length >= CHUNK) await flush();
    }
    splitter.end();
    await flush();
  });
  return removed;
}

/**
 * One sweep as the instance `holder` does it (exported for the test of two instances in one
 * process): nothing unless it holds the sweep's lease. Answers the requests removed per batch.
 */
export async function sweepAs(holder: string): Promise<Record<string, number>> {
  const store = getStore();
  const latest = await store.suppression.latestChange();
  if (latest === 0 || !(await store.leases.acquire(LEASE_KEY, holder, LEASE_MS))) return {};
  const renew = async () => {
    if (!(await store.leases.acquire(LEASE_KEY, holder, LEASE_MS))) throw new Error("The suppression sweep's lease was taken over.");
  };
  const out: Record<string, number> = {};
  try {
    const lists = await store.suppression.lists(new Date().toISOString());
    // Only a campaign with numbers in force on its lists has queued requests to check: the others
    // are up to date without reading anything from Syllable.
    for (const { batch_id, campaign_id } of await unfinishedBatches()) {
      if ((await store.suppression.batch(batch_id)).sweptChange >= latest) continue;
      const removed = listsApplyTo(lists, campaign_id) ? await sweepBatch(batch_id, campaign_id, renew) : 0;
      await store.suppression.noteSwept(batch_id, latest, removed);
      if (removed) {
        out[batch_id] = removed;
        await invalidateBatch(batch_id, { results: true });
      }
    }
  } finally {
    await store.leases.release(LEASE_KEY, holder).catch(() => undefined);
  }
  return out;
}

/** The background job (lib/server/background-jobs.ts). */
export async function sweepQueuedRequests(): Promise<void> {
  await sweepAs(INSTANCE_ID);
}

import "server-only";
// Progress snapshots: a batch's counts over time, kept in the store for "progress over time",
// the observed rate and stall detection.
import { countProgress } from "@/lib/domain/progress";
import type { SnapshotPoint } from "@/lib/schemas/batches";
import { getStore } from "@/lib/server/store";

/** With unchanged counts, a snapshot at least this often (so "no progress for 15 min" shows in the history). */
const SNAPSHOT_KEEPALIVE_MS = 10 * 60_000;

/** Records a progress snapshot when the counts changed, or when the last one is 10 minutes old (upstream time). */
export async function recordSnapshot(batchId: string, at: Date, statusCounts: Record<string, number>, outcomes: Record<string, number>): Promise<void> {
  const store = getStore().snapshots;
  const { total, finished } = countProgress(statusCounts);
  const last = (await store.list(batchId, { limit: 1 }))[0];
  const gap = last ? at.getTime() - Date.parse(last.at) : Infinity;
  const changed =
    !last ||
    last.total !== total ||
    last.finished !== finished ||
    JSON.stringify(last.statusCounts) !== JSON.stringify(statusCounts) ||
    JSON.stringify(last.outcomes) !== JSON.stringify(outcomes);
  if (gap <= 0 || (gap < SNAPSHOT_KEEPALIVE_MS && !changed)) return;
  await store.add({ batchId, at: at.toISOString(), total, finished, statusCounts, outcomes });
}

/** The newest snapshots of a batch, oldest first. */
export async function snapshotHistory(batchId: string, limit = 500): Promise<SnapshotPoint[]> {
  return (await getStore().snapshots.list(batchId, { limit })).map((s) => ({ at: s.at, total: s.total, finished: s.finished, statusCounts: s.statusCounts }));
}

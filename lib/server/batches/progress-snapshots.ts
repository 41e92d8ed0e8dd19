import "server-only";
// Progress snapshots: a batch's counts over time, kept in the store for "progress over time",
// the observed rate and stall detection.
import { countProgress } from "@/lib/domain/progress";
import type { SnapshotPoint } from "@/lib/schemas/batches";
import { getStore } from "@/lib/server/store";

const SNAPSHOT_MIN_GAP_MS = 10_000;

/** Records a progress snapshot unless one was taken in the last 10 s (upstream time) with the same counts. */
export async function recordSnapshot(batchId: string, at: Date, statusCounts: Record<string, number>): Promise<void> {
  const store = getStore().snapshots;
  const { total, finished } = countProgress(statusCounts);
  const last = (await store.list(batchId, { limit: 1 }))[0];
  const gap = last ? at.getTime() - Date.parse(last.at) : Infinity;
  const changed = !last || last.total !== total || last.finished !== finished || JSON.stringify(last.statusCounts) !== JSON.stringify(statusCounts);
  if (gap <= 0 || (gap < SNAPSHOT_MIN_GAP_MS && !changed)) return;
  await store.add({ batchId, at: at.toISOString(), total, finished, statusCounts });
}

/** The newest snapshots of a batch, oldest first. */
export async function snapshotHistory(batchId: string, limit = 500): Promise<SnapshotPoint[]> {
  return (await getStore().snapshots.list(batchId, { limit })).map((s) => ({ at: s.at, total: s.total, finished: s.finished, statusCounts: s.statusCounts }));
}

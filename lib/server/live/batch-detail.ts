import "server-only";
// A batch as the live engine holds it. Live data flows one way: the engine reads through the
// batches service (readBatchDetail) and pushes to watchers; route handlers and operations ask
// the engine here, and the service never calls back into it.
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { invalidateBatch } from "@/lib/server/batches/batch-caches";
import { getLiveEngine } from "./index";

/**
 * GET /api/batches/{id} (and the page's prefetch): the batch as the live engine holds it, from
 * memory while it is fresh; the engine's one loop per batch does the fetching, whoever watches.
 */
export function loadBatchDetail(batchId: string): Promise<BatchDetailResponse> {
  return getLiveEngine().current(batchId);
}

/** After a write: forget what the write changed (results only if requests changed), fetch the batch now and push it to every watcher. */
export async function refreshBatch(batchId: string, opts: { results: boolean }): Promise<BatchDetailResponse> {
  await invalidateBatch(batchId, opts);
  return getLiveEngine().refresh(batchId);
}

import "server-only";
// What the console keeps of Syllable's batch data between requests, and how a write forgets it.
import type { BatchDetails, Campaign } from "@/lib/schemas/syllable";
import { forgetResults } from "@/lib/server/results/service";
import { getStore } from "@/lib/server/store";
import { createTtlCache } from "./ttl-cache";
import { processSingleton } from "@/lib/process-singletons";

/** The process's batch caches (created on first use). */
export function caches() {
  return processSingleton("batch-caches", () => ({
    // The campaign list changes rarely; names and pacing for every list request come from here.
    campaigns: createTtlCache<"all", Map<number, Campaign>>({ ttlMs: 10_000, max: 1 }),
    // Row progress in the batch list; short so the list stays live.
    details: createTtlCache<string, BatchDetails>({ ttlMs: 4_000, max: 500 }),
  }));
}

/**
 * Forgets what a write changed about one batch (the live engine's state is refreshed separately):
 * its list-row details always; its stored results only when the requests changed (upload, add,
 * remove, delete): they are read again before they are shown. A pause, expiry or rate change
 * leaves the results (up to a million rows) as they are.
 */
export async function invalidateBatch(batchId: string, opts: { results: boolean }): Promise<void> {
  caches().details.invalidate(batchId);
  if (opts.results) {
    await forgetResults(batchId);
    // Its recipients (and so their calling hours) may have changed.
    await getStore().schedules.forgetGroups(batchId);
  }
}

import "server-only";
// What the console keeps of Syllable's batch data between requests, and how a write forgets it.
import type { BatchDetails, Campaign, RequestResult } from "@/lib/schemas/syllable";
import { createTtlCache } from "./ttl-cache";
import { processSingleton } from "@/lib/process-singletons";

/** The process's batch caches (created on first use). */
export function caches() {
  return processSingleton("batch-caches", () => ({
    // The campaign list changes rarely; names and pacing for every list request come from here.
    campaigns: createTtlCache<"all", Map<number, Campaign>>({ ttlMs: 10_000, max: 1 }),
    // Row progress in the batch list; short so the list stays live.
    details: createTtlCache<string, BatchDetails>({ ttlMs: 4_000, max: 500 }),
    // Whole result sets (up to 100k rows each, ~100 MB parsed for the largest): few and short-lived.
    results: createTtlCache<string, RequestResult[]>({ ttlMs: 8_000, max: 4 }),
    // Filtered + sorted views of a cached result set, so paging does not re-sort 100k rows.
    selections: createTtlCache<string, RequestResult[]>({ ttlMs: 8_000, max: 16 }),
  }));
}

/**
 * Forgets what a write changed about one batch (the live engine's state is refreshed separately):
 * its list-row details always; its result set only when the
 * requests changed (upload, add, remove, delete). A pause, expiry or rate change leaves the
 * results (up to 100k rows, ~49 MB from Syllable) as they are.
 */
export function invalidateBatch(batchId: string, opts: { results: boolean }): void {
  const c = caches();
  c.details.invalidate(batchId);
  if (!opts.results) return;
  c.results.invalidate(batchId);
  // Selection keys start with the batch id; the cache is small, so clearing it all is fine.
  c.selections.clear();
}

// What the live engine last saw of each batch's counts, and when they last changed. A cached
// result set read before that change, whose rows no longer add up to those counts, does not
// match the progress shown beside it (rows still PENDING that the card counts as finished): the
// next results request reads it again instead of waiting for the TTL. (Both conditions: a write
// through the console already renews the set, and an upstream whose counts and rows never quite
// agree must not be re-read on every request.)
type CountsSeen = { changedAt: number; key: string };
const countsSeen = processSingleton("counts-seen", () => new Map<string, CountsSeen>());

/** A canonical key of status counts (order-free). */
export function countsKey(counts: Record<string, number> | null | undefined): string {
  return JSON.stringify(
    Object.entries(counts ?? {})
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function noteCounts(batchId: string, counts: Record<string, number> | null | undefined, at = Date.now()): void {
  const key = countsKey(counts);
  const seen = countsSeen.get(batchId);
  if (seen?.key === key) return;
  if (countsSeen.size > 10_000) countsSeen.clear();
  countsSeen.set(batchId, { changedAt: seen ? at : 0, key });
}

export function countsSeenFor(batchId: string): CountsSeen | undefined {
  return countsSeen.get(batchId);
}

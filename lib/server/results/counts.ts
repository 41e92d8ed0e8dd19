// Request-status counts as a key: what a stored result set adds up to, compared with what the
// live engine last saw of the batch, tells whether the rows have fallen behind.
import { processSingleton } from "@/lib/process-singletons";

/** A canonical key of status counts (order-free, zeros left out). */
export function countsKey(counts: Record<string, number> | null | undefined): string {
  return JSON.stringify(
    Object.entries(counts ?? {})
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

// What the live engine last saw of each batch's counts (this process's engine: every instance
// follows the shared state of each watched batch).
const countsSeen = processSingleton("counts-seen", () => new Map<string, string>());

export function noteCounts(batchId: string, counts: Record<string, number> | null | undefined): void {
  if (countsSeen.size > 10_000) countsSeen.clear();
  countsSeen.set(batchId, countsKey(counts));
}

/** The key of the counts the live engine last saw, if it follows the batch. */
export const countsSeenFor = (batchId: string): string | undefined => countsSeen.get(batchId);

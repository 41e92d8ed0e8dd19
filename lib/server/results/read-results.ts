import "server-only";
// Reads a batch's results from Syllable into the store: the answer streams through the array
// splitter into a new generation of rows, a few thousand at a time (the next bytes are read only
// once those are written: bounded memory, whatever the size), and the generation is shown only
// when the whole answer arrived. A read that fails part-way is discarded: the previous rows stay,
// and the set records why the refresh failed. One instance reads a batch at a time (a lease);
// the others wait for its set.
import { requestResultSchema } from "@/lib/schemas/syllable";
import { ApiError, isApiError } from "@/lib/server/errors";
import { INSTANCE_ID } from "@/lib/server/instance";
import { getStore, type Store } from "@/lib/server/store";
import type { ResultSet, StoredResultRow } from "@/lib/server/store/types";
import { getSyllable } from "@/lib/server/syllable";
import { processSingleton } from "@/lib/process-singletons";
import { countsKey } from "./counts";
import { jsonArraySplitter } from "./json-array-splitter";
import { toStoredRow } from "./stored-row";
import { BucketTally } from "@/lib/domain/report-metrics";

/** Rows written per store call while a read streams in (the first call sooner: a page can show them). */
const WRITE_ROWS = 5_000;
const FIRST_WRITE_ROWS = 500;
/** Variable names kept per set (the export's columns). */
const MAX_VARIABLES = 50;
const LEASE_MS = 60_000;
const WAIT_POLL_MS = 250;

/** A read in progress on this process: the rows of its generation written so far. */
export type ReadProgress = { generation: number; readAt: number; rows: number; expected: number | null; variables: string[] };

const reads = processSingleton("results-reads", () => ({
  running: new Map<string, Promise<ResultSet>>(),
  progress: new Map<string, ReadProgress>(),
}));

/** This process's read of the batch, if one is under way. */
export const readUnderWay = (batchId: string): Promise<ResultSet> | undefined => reads.running.get(batchId);

/** What this process's read of the batch has written so far (none when it is not reading it). */
export const readProgress = (batchId: string): ReadProgress | undefined => reads.progress.get(batchId);

/**
 * Reads the batch's results into the store (concurrent calls share one read; another instance's
 * read is waited for). `final`: the batch has finished, so this set will not be read again.
 */
export function readResults(batchId: string, opts: ReadOptions): Promise<ResultSet> {
  let read = reads.running.get(batchId);
  if (!read) {
    read = readAs(INSTANCE_ID, batchId, opts).finally(() => {
      reads.running.delete(batchId);
      reads.progress.delete(batchId);
    });
    reads.running.set(batchId, read);
  }
  return read;
}

/**
 * `expected`: the rows the batch's counts say there are (for the progress shown while reading);
 * `campaignId`: its campaign, kept with its report tally (none: no tally is kept).
 */
type ReadOptions = { final: boolean; expected?: number | null; campaignId?: number };

/**
 * The read as the instance `holder` does it: under the batch's lease, or waiting for the set of
 * the instance that holds it (exported for the test of two instances in one process).
 */
export async function readAs(holder: string, batchId: string, opts: ReadOptions): Promise<ResultSet> {
  const store = getStore();
  const key = `results-read:${batchId}`;
  const before = await store.results.set(batchId);
  const deadline = Date.now() + LEASE_MS * 10;
  while (!(await store.leases.acquire(key, holder, LEASE_MS))) {
    // Another instance is reading it: its set, once published, is this read's answer.
    await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
    const now = await store.results.set(batchId);
    if (now && (!before || now.generation > before.generation || (now.failedAt ?? 0) > (before.failedAt ?? 0))) return settled(now, before);
    if (Date.now() > deadline) throw new ApiError("upstream_timeout", "The batch's results are still being read. Try again in a moment.");
  }
  try {
    return await streamIntoStore(store, batchId, opts, () => store.leases.acquire(key, holder, LEASE_MS));
  } finally {
    await store.leases.release(key, holder).catch(() => undefined);
  }
}

/** The set another instance's read left: its rows, or its failure when there were none before. */
function settled(now: ResultSet, before: ResultSet | null): ResultSet {
  if (before && now.generation === before.generation && now.failure) throw new ApiError("upstream_failed", now.failure);
  return now;
}

async function streamIntoStore(store: Store, batchId: string, opts: ReadOptions, renewLease: () => Promise<unknown>): Promise<ResultSet> {
  const current = await store.results.set(batchId);
  const readAt = Date.now();
  const generation = Math.max(readAt, (current?.generation ?? 0) + 1);
  const counts: Record<string, number> = {};
  const variables = new Set<string>();
  let rows: StoredResultRow[] = [];
  let seq = 0;
  // The report's tally, kept as the rows pass: a million rows are never read back for it.
  const tally = new BucketTally();
  const take = (value: unknown, text: string) => {
    const parsed = requestResultSchema.safeParse(value);
    if (!parsed.success) throw new SyntaxError(`Result row ${seq + 1} is not a result: ${parsed.error.issues[0]?.message ?? "?"}`);
    const r = parsed.data;
    const status = r.request_status ?? "";
    counts[status] = (counts[status] ?? 0) + 1;
    if (variables.size < MAX_VARIABLES) for (const k of Object.keys(r.request_variables ?? {})) if (variables.size < MAX_VARIABLES) variables.add(k);
    rows.push(toStoredRow(r, seq++, text));
    tally.add(r);
  };
  const flush = async () => {
    if (!rows.length) return;
    const chunk = rows;
    rows = [];
    await store.results.addRows(batchId, generation, chunk);
    reads.progress.set(batchId, { generation, readAt, rows: seq, expected: opts.expected ?? null, variables: [...variables] });
    await renewLease();
  };
  try {
    await getSyllable().streamBatchResults(batchId, undefined, async (body) => {
      const splitter = jsonArraySplitter(take);
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        splitter.write(value);
        if (rows.length >= (seq === rows.length ? FIRST_WRITE_ROWS : WRITE_ROWS)) await flush();
      }
      splitter.end();
    });
    await flush();
  } catch (err) {
    const message = isApiError(err) ? err.message : "The results could not be read.";
    await store.results
      .discard(batchId, generation, { at: Date.now(), message })
      .catch((e: unknown) => console.error("Could not discard a failed results read:", e));
    throw err;
  }
  const set = { batchId, generation, rowCount: seq, readAt, countsKey: countsKey(counts), variables: [...variables], final: opts.final };
  const shown = await store.results.publish(set);
  if (shown && opts.campaignId !== undefined) await store.reports.replaceBatch(batchId, opts.campaignId, [...tally.rows.values()]);
  return (await store.results.set(batchId)) ?? { ...set, stale: false, failedAt: null, failure: null };
}

import "server-only";
// Batch results as the console shows them: pages, facet counts and CSV exports are queries on
// the stored rows (./read-results puts them there); what is shown is read again when it has
// fallen behind the batch, at a pace that suits its size.
import type { ResultsPage, ResultsQuery } from "@/lib/schemas/batches";
import type { RequestResult } from "@/lib/schemas/syllable";
import { countProgress } from "@/lib/domain/progress";
import { csvHeader, csvRow, type ResultFilter } from "@/lib/domain/results";
import { FINAL_BATCH_STATUSES } from "@/lib/domain/syllable-values";
import { getStore } from "@/lib/server/store";
import type { ResultRowFilter, ResultSet, ResultSortColumn } from "@/lib/server/store/types";
import { getSyllable } from "@/lib/server/syllable";
import { createTtlCache } from "@/lib/server/batches/ttl-cache";
import { processSingleton } from "@/lib/process-singletons";
import { countsKey, countsSeenFor } from "./counts";
import { INSTANCE_ID } from "@/lib/server/instance";
import { readProgress, readResults, readUnderWay } from "./read-results";
import { MISSING_TEXT, sortColumnOf, storedFilter } from "./stored-row";

/** Sets up to this size are read again while the page waits; bigger ones in the background. */
const READ_WHILE_WAITING_ROWS = 50_000;
/** A running batch's rows are read again after this long even without news of its counts. */
const FULL_REFRESH_MS = 5 * 60_000;
/** Rows per store query of an export (keyset: each chunk starts after the last row of the one before). */
const EXPORT_CHUNK = 2_000;

/**
 * How long a running batch's rows are kept before they may be read again when its counts moved:
 * 0.3 ms per row (a thousand rows: 0.3 s; 100k: 30 s; a million: 5 min, FULL_REFRESH_MS), so
 * reading again costs at most about a tenth of the time (a read takes ~30 µs per row).
 */
export const rereadAfterMs = (rows: number) => Math.min(FULL_REFRESH_MS, rows * 0.3);

/** Whether a shown set is due to be read again (never for a batch that had finished). */
export function dueForReread(set: ResultSet, seenCounts: string | undefined, now: number): boolean {
  if (set.final) return false;
  const since = now - Math.max(set.readAt, set.failedAt ?? 0);
  if (since < rereadAfterMs(set.rowCount)) return false;
  return (seenCounts !== undefined && seenCounts !== set.countsKey) || since >= FULL_REFRESH_MS;
}

/** Reads the batch's results, knowing from its details whether it has finished (nothing will be dialed, no call open) and how many rows to expect. */
async function read(batchId: string): Promise<ResultSet> {
  const running = readUnderWay(batchId);
  if (running) return running;
  const details = await getSyllable().getBatch(batchId);
  const { in_flight, total } = countProgress(details.status_counts);
  return readResults(batchId, { final: FINAL_BATCH_STATUSES.has(details.status ?? "") && in_flight === 0, expected: total, campaignId: details.campaign_id });
}

/** A set shown while its first read is still under way: the rows written so far. */
export type ShownSet = ResultSet & { reading?: { rows: number; expected: number | null } };

/**
 * The first read of a batch: the set once it is read, or, for a big batch (more rows expected
 * than are read while the page waits), the rows written so far as soon as there are some, with
 * how far the read has got.
 */
async function firstRead(batchId: string): Promise<ShownSet> {
  let settled = false;
  const whole = read(batchId).finally(() => (settled = true));
  while (!settled) {
    const progress = readProgress(batchId);
    if (progress?.rows && (progress.expected ?? 0) > READ_WHILE_WAITING_ROWS) {
      whole.catch((err: unknown) => console.error(`Results of ${batchId} could not be read:`, err instanceof Error ? err.message : err));
      return {
        batchId,
        generation: progress.generation,
        rowCount: progress.rows,
        readAt: progress.readAt,
        countsKey: "",
        variables: progress.variables,
        final: false,
        stale: false,
        failedAt: null,
        failure: null,
        reading: { rows: progress.rows, expected: progress.expected },
      };
    }
    await Promise.race([whole.catch(() => undefined), new Promise((r) => setTimeout(r, 25))]);
  }
  return whole;
}

/**
 * The set to show for a batch: read first when there is none or a console write changed the
 * batch's requests; read again (in the background for a big set) when it has fallen behind.
 * A failed re-read leaves the previous set, which says why.
 */
export async function shownResultSet(batchId: string, opts: { whole?: boolean } = {}): Promise<ShownSet> {
  const store = getStore();
  const set = await store.results.set(batchId);
  if (!set) return opts.whole ? read(batchId) : firstRead(batchId);
  if (set.stale) {
    try {
      return await read(batchId);
    } catch (err) {
      const kept = await store.results.set(batchId);
      if (!kept) throw err;
      return kept;
    }
  }
  if (dueForReread(set, countsSeenFor(batchId), Date.now())) {
    const again = read(batchId);
    if (set.rowCount <= READ_WHILE_WAITING_ROWS) return again.catch(async () => (await store.results.set(batchId)) ?? set);
    again.catch((err: unknown) => console.error(`Results of ${batchId} could not be read again:`, err instanceof Error ? err.message : err));
  }
  return set;
}

/** A console write changed the batch's requests: its rows are read again before they are shown. */
export async function forgetResults(batchId: string): Promise<void> {
  await getStore().results.markStale(batchId);
}

// Totals per filter and facet counts, per generation of rows (a new read makes new keys).
const views = () =>
  processSingleton("results-views", () => ({
    counts: createTtlCache<string, number>({ ttlMs: 10 * 60_000, max: 500 }),
    facets: createTtlCache<string, ResultsPage["facets"]>({ ttlMs: 10 * 60_000, max: 100 }),
  }));

const hasFilter = (f: ResultRowFilter) => Object.keys(f).length > 0;

function countOf(set: ShownSet, filter: ResultRowFilter): Promise<number> {
  if (!hasFilter(filter)) return Promise.resolve(set.rowCount);
  // Rows still arriving: counted each time, not kept.
  if (set.reading) return getStore().results.count(set.batchId, set.generation, filter);
  const key = JSON.stringify([set.batchId, set.generation, filter]);
  return views().counts.get(key, () => getStore().results.count(set.batchId, set.generation, filter));
}

function facetsOf(set: ShownSet): Promise<ResultsPage["facets"]> {
  const load = async () => {
    const f = await getStore().results.facets(set.batchId, set.generation);
    const named = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([k]) => k !== MISSING_TEXT));
    return { request_status: named(f.status), channel_manager_status: named(f.outcome) };
  };
  // Rows still arriving: counted each time, not kept.
  return set.reading ? load() : views().facets.get(JSON.stringify([set.batchId, set.generation]), load);
}

/** Which of `ids` the batch's shown rows hold, a CANCELED row counting as removed (one index lookup each). */
export async function presentReferenceIds(batchId: string, ids: string[]): Promise<Set<string>> {
  const set = await shownResultSet(batchId, { whole: true });
  const present = new Set<string>();
  for (const id of ids) {
    const rows = await getStore().results.rows({
      batchId,
      generation: set.generation,
      filter: storedFilter({ reference_id: id }),
      sort: "seq",
      dir: "asc",
      limit: 5,
    });
    if (rows.some((r) => (JSON.parse(r.body) as RequestResult).request_status !== "CANCELED")) present.add(id);
  }
  return present;
}

/** GET /api/batches/{id}/results: one page of the stored rows, filtered and sorted by the store. */
export async function pageResults(batchId: string, q: ResultsQuery): Promise<ResultsPage> {
  const set = await shownResultSet(batchId);
  const filter = storedFilter(q);
  const [rows, total, facets] = await Promise.all([
    getStore().results.rows({
      batchId,
      generation: set.generation,
      filter,
      sort: sortColumnOf(q.sort),
      dir: q.dir ?? "asc",
      offset: (q.page - 1) * q.limit,
      limit: q.limit,
    }),
    countOf(set, filter),
    facetsOf(set),
  ]);
  return {
    items: rows.map((r) => JSON.parse(r.body) as RequestResult),
    page: q.page,
    page_size: q.limit,
    total_count: total,
    total_pages: Math.max(1, Math.ceil(total / q.limit)),
    rows_as_of: new Date(set.readAt).toISOString(),
    refresh_failed: set.failure,
    facets,
    reading: set.reading ? { rows_read: set.reading.rows, rows_expected: set.reading.expected } : null,
  };
}

type Selection = ResultFilter & Pick<ResultsQuery, "sort" | "dir">;

/** Every stored row of a selection, chunk by chunk in the selection's order (keyset paging). */
async function* selectedRows(set: ResultSet, q: Selection): AsyncGenerator<RequestResult[]> {
  const sort: ResultSortColumn = sortColumnOf(q.sort);
  const filter = storedFilter(q);
  let after: { key: string | number; seq: number } | undefined;
  for (;;) {
    const chunk = await getStore().results.rows({
      batchId: set.batchId,
      generation: set.generation,
      filter,
      sort,
      dir: q.dir ?? "asc",
      limit: EXPORT_CHUNK,
      after,
    });
    if (chunk.length) yield chunk.map((r) => JSON.parse(r.body) as RequestResult);
    if (chunk.length < EXPORT_CHUNK) return;
    const last = chunk.at(-1)!;
    after = { key: last.key, seq: last.seq };
  }
}

/** Every row of a selection (follow-ups and request checks; a million rows is a lot of memory: exports stream instead). */
export async function selectedResults(batchId: string, q: Selection): Promise<RequestResult[]> {
  const set = await shownResultSet(batchId, { whole: true });
  const out: RequestResult[] = [];
  for await (const chunk of selectedRows(set, q)) out.push(...chunk);
  return out;
}

/**
 * GET /api/batches/{id}/results.csv: the selection as CSV, read from the store a chunk at a time
 * as the client takes it (a pull stream: a slow download holds one chunk, not the file).
 */
export async function exportResults(batchId: string, q: Selection): Promise<{ total: number; csv: ReadableStream<Uint8Array> }> {
  const set = await shownResultSet(batchId, { whole: true });
  const total = await countOf(set, storedFilter(q));
  const encoder = new TextEncoder();
  const chunks = selectedRows(set, q);
  let headerSent = false;
  const csv = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // BOM so spreadsheet apps read UTF-8 names correctly.
        controller.enqueue(encoder.encode("\uFEFF" + csvHeader(set.variables)));
        return;
      }
      const next = await chunks.next();
      if (next.done) return controller.close();
      let text = "";
      for (const r of next.value) text += csvRow(r, set.variables);
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return { total, csv };
}

/** Forgets the results of batches that finished more than `days` ago (RESULTS_RETENTION_DAYS). */
const SYNC_LEASE_MS = 10 * 60_000;
/** Batches looked at per sync: the most recently changed (older ones have settled, and were read then). */
const SYNC_BATCHES = 200;

/**
 * Keeps the stored results, and with them the reports' tallies, current for every batch, not only
 * those someone opened: each batch never read, changed by a console write, or whose counts moved
 * since its read (no sooner than a re-read is due) is read again, one after another, by one
 * instance at a time. Answers how many were read.
 */
export async function syncStoredResults(holder = INSTANCE_ID, now = Date.now()): Promise<number> {
  // A sync still going when the next is due (a big batch being read): the next is skipped.
  if (syncing.has(holder)) return 0;
  syncing.add(holder);
  try {
    return await syncAs(holder, now);
  } finally {
    syncing.delete(holder);
  }
}
const syncing = processSingleton("report-sync-running", () => new Set<string>());

async function syncAs(holder: string, now: number): Promise<number> {
  const store = getStore();
  if (!(await store.leases.acquire("report-sync", holder, SYNC_LEASE_MS))) return 0;
  let read_ = 0;
  try {
    const { items } = await getSyllable().listBatches({ limit: SYNC_BATCHES, order_by: "last_updated_at", order_by_direction: "desc" });
    for (const b of items) {
      const set = await store.results.set(b.batch_id);
      if (readUnderWay(b.batch_id) || set?.final) continue;
      if (set && !set.stale) {
        // Only when its counts moved (not on the pages' periodic refresh: a big batch that holds
        // still is not read again). The list carries no counts: the live engine's, or the batch's own.
        if (now - Math.max(set.readAt, set.failedAt ?? 0) < rereadAfterMs(set.rowCount)) continue;
        const counts = countsSeenFor(b.batch_id) ?? countsKey((await getSyllable().getBatch(b.batch_id)).status_counts);
        if (counts === set.countsKey) continue;
      }
      try {
        await read(b.batch_id);
        read_++;
      } catch (err) {
        console.error(`Results of ${b.batch_id} could not be read for the reports:`, err instanceof Error ? err.message : err);
      }
      await store.leases.acquire("report-sync", holder, SYNC_LEASE_MS);
    }
  } finally {
    await store.leases.release("report-sync", holder).catch(() => undefined);
  }
  return read_;
}

export function pruneResults(days: number, now = Date.now()): Promise<number> {
  return getStore().results.prune(now - days * 86_400_000);
}

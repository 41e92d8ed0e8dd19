import "server-only";
// Batch results in the store (see lib/server/results for how they are read and shown): rows are
// written into a new generation while a read streams in, shown once the read completed, and
// queried with the indexes of ./migrations (one per sortable column, after batch and generation).
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from "kysely";
import type { StoreDialect } from "./db/dialects";
import type { Database } from "./db/schema";
import type { ResultRepo, ResultRowFilter, ResultSet } from "./types";

/** Rows per DELETE of an old generation, so a million-row delete never holds the database long. */
const DELETE_ROWS = 20_000;
/** A generation left unpublished this long was a read that died with its instance. */
const ORPHAN_MS = 3_600_000;

type Eb = ExpressionBuilder<Database, "batch_results">;

function whereFilter(eb: Eb, batchId: string, generation: number, f: ResultRowFilter) {
  const and: Expression<SqlBool>[] = [eb("batch_id", "=", batchId), eb("generation", "=", generation)];
  if (f.status) and.push(eb("status", "=", f.status));
  if (f.outcomes?.length) and.push(eb("outcome", "in", f.outcomes));
  if (f.insights) and.push(eb("insights", "=", f.insights));
  if (f.referenceId) and.push(eb("reference_id", "=", f.referenceId));
  if (f.refKey) and.push(eb("ref_key", "=", f.refKey));
  if (f.sentFrom) and.push(eb("sent_at", ">=", f.sentFrom));
  if (f.sentTo) and.push(eb("sent_at", "<", f.sentTo));
  if (f.text) and.push(sql<boolean>`search LIKE ${"%" + f.text.replace(/[\\%_]/g, (c) => "\\" + c) + "%"} ESCAPE '\\'`);
  return eb.and(and);
}

const toSet = (r: Selectable<Database["result_sets"]>): ResultSet => ({
  batchId: r.batch_id,
  generation: Number(r.generation),
  rowCount: Number(r.row_count),
  readAt: Number(r.read_at),
  countsKey: r.counts_key,
  variables: JSON.parse(r.variables) as string[],
  final: Number(r.final) === 1,
  stale: Number(r.stale) === 1,
  failedAt: r.failed_at === null ? null : Number(r.failed_at),
  failure: r.failure,
});

export function resultRepo(dialect: StoreDialect): ResultRepo {
  const { db, writeTransaction } = dialect;
  const rowId = sql.raw(dialect.rowId);

  /** Deletes, a chunk at a time, the rows of `batchId` that `which` names; yields between chunks. */
  async function deleteRows(batchId: string, which: "older" | "one" | "unshown", generation: number): Promise<number> {
    const condition =
      which === "older" ? sql`generation < ${generation}` : which === "one" ? sql`generation = ${generation}` : sql`generation <> ${generation}`;
    let total = 0;
    for (;;) {
      const r = await sql`DELETE FROM batch_results WHERE ${rowId} IN (
        SELECT ${rowId} FROM batch_results WHERE batch_id = ${batchId} AND ${condition} LIMIT ${DELETE_ROWS})`.execute(db);
      const n = Number(r.numAffectedRows ?? 0);
      total += n;
      if (n < DELETE_ROWS) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return {
    set: async (batchId) => {
      const r = await db.selectFrom("result_sets").selectAll().where("batch_id", "=", batchId).executeTakeFirst();
      return r ? toSet(r) : null;
    },

    async addRows(batchId, generation, rows) {
      await dialect.insertMany(
        "batch_results",
        rows.map((r) => ({ batch_id: batchId, generation, ...r })),
      );
    },

    async publish(s) {
      const shown = await writeTransaction([`results:${s.batchId}`], async (trx) => {
        const current = await trx.selectFrom("result_sets").select("generation").where("batch_id", "=", s.batchId).executeTakeFirst();
        if (current && Number(current.generation) > s.generation) return false;
        const values = {
          generation: s.generation,
          row_count: s.rowCount,
          read_at: s.readAt,
          counts_key: s.countsKey,
          variables: JSON.stringify(s.variables),
          final: s.final ? 1 : 0,
          stale: 0,
          failed_at: null,
          failure: null,
        };
        await trx
          .insertInto("result_sets")
          .values({ batch_id: s.batchId, ...values })
          .onConflict((oc) => oc.column("batch_id").doUpdateSet(values))
          .execute();
        return true;
      });
      await deleteRows(s.batchId, shown ? "older" : "one", s.generation);
      return shown;
    },

    async discard(batchId, generation, failure) {
      await db
        .updateTable("result_sets")
        .set({ failed_at: failure.at, failure: failure.message })
        .where("batch_id", "=", batchId)
        .where("generation", "<", generation)
        .execute();
      await deleteRows(batchId, "one", generation);
    },

    async markStale(batchId) {
      await db.updateTable("result_sets").set({ stale: 1, final: 0 }).where("batch_id", "=", batchId).execute();
    },

    async rows(q) {
      const key = q.sort;
      let query = db
        .selectFrom("batch_results")
        .select(["body", `${key} as key` as "seq", "seq"])
        .where((eb) => whereFilter(eb, q.batchId, q.generation, q.filter));
      if (q.after) {
        const after = q.after;
        query =
          key === "seq"
            ? query.where("seq", q.dir === "asc" ? ">" : "<", after.seq)
            : query.where(sql<boolean>`(${sql.ref(key)}, seq) ${sql.raw(q.dir === "asc" ? ">" : "<")} (${after.key}, ${after.seq})`);
      }
      query = key === "seq" ? query.orderBy("seq", q.dir) : query.orderBy(key, q.dir).orderBy("seq", q.dir);
      const rows = (await query
        .limit(q.limit)
        .offset(q.offset ?? 0)
        .execute()) as unknown as Array<{ body: string; key: string | number; seq: number }>;
      return rows.map((r) => ({ body: r.body, key: typeof r.key === "bigint" ? Number(r.key) : r.key, seq: Number(r.seq) }));
    },

    count: async (batchId, generation, filter) => {
      const r = await db
        .selectFrom("batch_results")
        .select((eb) => eb.fn.countAll().as("n"))
        .where((eb) => whereFilter(eb, batchId, generation, filter))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async facets(batchId, generation) {
      const tally = async (column: "status" | "outcome") => {
        const rows = await db
          .selectFrom("batch_results")
          .select([column, (eb) => eb.fn.countAll().as("n")])
          .where("batch_id", "=", batchId)
          .where("generation", "=", generation)
          .groupBy(column)
          .execute();
        return Object.fromEntries(rows.map((r) => [(r as Record<string, unknown>)[column] as string, Number(r.n)]));
      };
      return { status: await tally("status"), outcome: await tally("outcome") };
    },

    async prune(readBefore) {
      const old = await db.selectFrom("result_sets").select("batch_id").where("final", "=", 1).where("read_at", "<", readBefore).execute();
      for (const { batch_id } of old) {
        await db.deleteFrom("result_sets").where("batch_id", "=", batch_id).execute();
        await deleteRows(batch_id, "unshown", -1);
      }
      // Generations no read will publish: their instance stopped mid-read.
      const orphans = await db
        .selectFrom("batch_results as r")
        .leftJoin("result_sets as s", "s.batch_id", "r.batch_id")
        .select(["r.batch_id", "s.generation"])
        .distinct()
        .where((eb) =>
          eb.and([eb("r.generation", "<", Date.now() - ORPHAN_MS), eb.or([eb("s.generation", "is", null), eb("s.generation", "<>", eb.ref("r.generation"))])]),
        )
        .execute();
      for (const o of orphans) await deleteRows(o.batch_id, "unshown", o.generation === null ? -1 : Number(o.generation));
      return old.length;
    },

    size: async () => {
      const r = await db
        .selectFrom("result_sets")
        .select((eb) => [eb.fn.countAll().as("sets"), eb.fn.sum("row_count").as("rows")])
        .executeTakeFirstOrThrow();
      return { sets: Number(r.sets), rows: Number(r.rows ?? 0) };
    },
  };
}

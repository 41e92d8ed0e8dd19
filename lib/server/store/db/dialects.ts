// What differs between SQLite and Postgres, behind a few named functions; every query of the
// store is written once, in Kysely, in ../kysely-store.ts.
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Expression } from "kysely";
import pg from "pg";
import { inProcessEvents, notifyEvents } from "./event-bus";
import type { Database as Tables } from "./schema";
import type { EventBus } from "../types";

export type Db = Kysely<Tables>;

export interface StoreDialect {
  name: "sqlite" | "postgres";
  db: Db;
  /** A JSON column's value: SQLite hands back its text, Postgres the parsed value. */
  readJson: <T>(value: unknown) => T;
  /**
   * Runs `work` in a transaction that writes, serialised against every other such transaction
   * naming one of `locks` (on any instance): SQLite takes the database's write lock first
   * (BEGIN IMMEDIATE: one writer at a time, whatever the names); Postgres takes an advisory lock
   * per name, in name order (no deadlock).
   */
  writeTransaction: <T>(locks: string[], work: (trx: Db) => Promise<T>) => Promise<T>;
  /**
   * Adds many rows to one table in one transaction, fast: SQLite runs one prepared statement per
   * row (on Kysely's connection, so no other transaction interleaves); Postgres sends multi-row
   * INSERTs. Used for batch results (a million rows per read).
   */
  insertMany: (table: "batch_results", rows: Array<Record<string, unknown>>) => Promise<void>;
  /** The hidden column that tells two equal rows apart (login_failures has no key). */
  rowId: "rowid" | "ctid";
  /** The `seq` of a new campaign version: SQLite computes the next; Postgres's identity column does. */
  nextCampaignVersionSeq: () => Expression<number> | undefined;
  events: EventBus & { close(): Promise<void> };
  close: () => Promise<void>;
}

/** The SQLite file of one console (better-sqlite3: synchronous, one connection, WAL). */
export function sqliteDialect(file: string): StoreDialect {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  const db: Db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  const events = inProcessEvents();
  return {
    name: "sqlite",
    db,
    readJson: <T>(value: unknown) => JSON.parse(value as string) as T,
    // Kysely's SQLite driver has one connection; holding it runs the transaction alone in this
    // process, and IMMEDIATE takes the file's write lock before the first read (other processes
    // on the file, the users CLI, wait for it).
    writeTransaction: (_locks, work) =>
      db.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const out = await work(conn);
          await sql`COMMIT`.execute(conn);
          return out;
        } catch (err) {
          await sql`ROLLBACK`.execute(conn).catch(() => undefined);
          throw err;
        }
      }),
    insertMany: (table, rows) =>
      db.connection().execute(async () => {
        if (!rows.length) return;
        const columns = Object.keys(rows[0]!);
        const insert = database.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        database.transaction(() => {
          for (const row of rows) insert.run(columns.map((c) => row[c]));
        })();
      }),
    rowId: "rowid",
    nextCampaignVersionSeq: () => sql<number>`(SELECT COALESCE(MAX(seq), 0) + 1 FROM campaign_versions)`,
    events,
    close: async () => {
      await events.close();
      await db.destroy();
    },
  };
}

// BIGINT ids and counts come back as strings by default; they stay far below 2^53 here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Postgres (DATABASE_URL), shared by several console instances. */
export function postgresDialect(connectionString: string): StoreDialect {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (Postgres restarted) must not crash the process; the
  // pool replaces it and the next query reports the outage as an error.
  pool.on("error", (err) => console.error("Postgres connection lost:", err.message));
  const db: Db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const events = notifyEvents(connectionString, pool);
  return {
    name: "postgres",
    db,
    readJson: <T>(value: unknown) => value as T,
    writeTransaction: (locks, work) =>
      db.transaction().execute(async (trx) => {
        for (const lock of [...locks].sort()) await sql`SELECT pg_advisory_xact_lock(hashtext(${lock}))`.execute(trx);
        return work(trx);
      }),
    insertMany: (table, rows) =>
      db.transaction().execute(async (trx) => {
        // 14 values a row: 1,000 rows stay well within Postgres's 65,535 parameters.
        for (let i = 0; i < rows.length; i += 1_000)
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + 1_000) as never)
            .execute();
      }),
    rowId: "ctid",
    nextCampaignVersionSeq: () => undefined,
    events,
    close: async () => {
      await events.close();
      await db.destroy(); // ends the pool
    },
  };
}

import "server-only";
// Applies the schema migrations (./migrations) with Kysely's migrator: versioned, recorded in
// `kysely_migration`, and on Postgres taken under an advisory lock, so two instances starting
// at once apply each migration exactly once. The DDL is per dialect; the queries are written
// once (kysely-store.ts).
import Database from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from "kysely";
import pg from "pg";
import { postgresMigrations } from "./migrations/postgres";
import { sqliteMigrations } from "./migrations/sqlite";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function migrate(db: Kysely<any>, migrations: Record<string, Migration>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  try {
    // A rollback: the database was brought further by a newer release. Every migration only
    // adds, so this release can run on it as it is (Kysely would refuse: "corrupted migrations").
    const applied = await appliedMigrations(db);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length && Object.keys(migrations).every((name) => applied.includes(name))) {
      console.warn(`The console's database has migrations from a newer release (${unknown.join(", ")}); this release runs on it without changing it.`);
      return [];
    }
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName;
      throw new Error(
        `The console's database could not be brought up to date${failed ? ` (migration ${failed})` : ""}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}

/** Names of the migrations recorded in the database (none before the first run). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  try {
    return (await db.selectFrom("kysely_migration").select("name").execute()).map((r: { name: string }) => r.name);
  } catch {
    return [];
  }
}

/** Brings the SQLite file up to date (on its own connection: Kysely closes what it is given). */
export function migrateSqlite(file: string): Promise<string[]> {
  return migrate(new Kysely({ dialect: new SqliteDialect({ database: new Database(file) }) }), sqliteMigrations);
}

/** Brings the Postgres database at `connectionString` up to date. */
export function migratePostgres(connectionString: string): Promise<string[]> {
  return migrate(new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) }), postgresMigrations);
}

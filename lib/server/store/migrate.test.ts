import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresCluster } from "@/tests/support/postgres";
import { migratePostgres, migrateSqlite } from "./migrate";
import { postgresMigrations } from "./migrations/postgres";
import { openStore } from "./index";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-migrate-"));
let cluster: PostgresCluster | undefined;
afterAll(() => {
  cluster?.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("schema migrations", () => {
  it("adopt a SQLite file from before versioned migrations, keeping its rows, and run once", async () => {
    const dataDir = path.join(dir, "old");
    fs.mkdirSync(dataDir);
    const old = new Database(path.join(dataDir, "console.sqlite"));
    // The unversioned schema of earlier consoles (the tables this test reads).
    old.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE COLLATE NOCASE, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE progress_snapshots (batch_id TEXT NOT NULL, at TEXT NOT NULL, total INTEGER NOT NULL, finished INTEGER NOT NULL, status_counts TEXT NOT NULL, PRIMARY KEY (batch_id, at));
      INSERT INTO users (email, role, password_hash, created_at) VALUES ('old@x.io', 'admin', 'h', '2026-01-01T00:00:00Z');
      INSERT INTO progress_snapshots VALUES ('b', '2026-01-01T00:00:00.000Z', 10, 4, '{"COMPLETED":4,"PENDING":6}');`);
    old.close();

    const store = await openStore({ dataDir });
    expect((await store.users.findByEmail("old@x.io"))?.role).toBe("admin");
    expect(await store.snapshots.list("b")).toEqual([
      { batchId: "b", at: "2026-01-01T00:00:00.000Z", total: 10, finished: 4, statusCounts: { COMPLETED: 4, PENDING: 6 }, outcomes: {} },
    ]);
    await store.close();
    expect(await migrateSqlite(path.join(dataDir, "console.sqlite"))).toEqual([]); // nothing left to apply
  });

  it("a rollback: a previous release starts on a database a newer one migrated further, and leaves it as it is", async () => {
    const file = path.join(dir, "rollback.sqlite");
    expect((await migrateSqlite(file)).length).toBeGreaterThan(0);
    const db = new Database(file);
    db.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)").run("9999-from-a-newer-release", new Date().toISOString());
    db.close();
    expect(await migrateSqlite(file)).toEqual([]);
    const after = new Database(file, { readonly: true });
    expect((after.prepare("SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1").get() as { name: string }).name).toBe("9999-from-a-newer-release");
    after.close();
  });

  it("result sets stored before sent_at was kept as one UTC instant are read again, once", async () => {
    const file = path.join(dir, "sent-at.sqlite");
    await migrateSqlite(file);
    const db = new Database(file);
    db.exec(`INSERT INTO result_sets (batch_id, generation, row_count, read_at, counts_key, variables, final, stale) VALUES ('done', 1, 0, 1, '[]', '[]', 1, 0);
      DELETE FROM kysely_migration WHERE name = '0011-sent-at-instants'`);
    db.close();
    expect(await migrateSqlite(file)).toEqual(["0011-sent-at-instants"]);
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT final, stale FROM result_sets WHERE batch_id = 'done'").get()).toEqual({ final: 0, stale: 1 });
    after.close();
    expect(await migrateSqlite(file)).toEqual([]);
  });

  it("two instances starting at once on one Postgres apply each migration exactly once", async () => {
    cluster = await startPostgres();
    const url = cluster.createDatabase("race");
    const [a, b] = await Promise.all([migratePostgres(url), migratePostgres(url)]);
    const all = Object.keys(postgresMigrations).sort();
    expect([...a, ...b].sort()).toEqual(all);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const applied = await client.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name");
    await client.end();
    expect(applied.rows.map((r) => r.name)).toEqual(all);
  });

  it("a database that cannot be reached is a clear error, not a crash", async () => {
    await expect(migratePostgres("postgres://postgres@127.0.0.1:1/none")).rejects.toThrow(/could not be brought up to date|ECONNREFUSED/);
  });
});

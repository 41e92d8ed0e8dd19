import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/server/env";
import { deferStore } from "./deferred-store";
import { migratePostgres, migrateSqlite } from "./migrate";
import { postgresDialect, sqliteDialect } from "./db/dialects";
import { openKyselyStore } from "./kysely-store";
import { preparePrivateFile } from "./private-file";
import type { Store } from "./types";
import { processSingleton } from "@/lib/process-singletons";

export type { Store, User, ProgressSnapshot, AuditEntry, AuditActorRole, AuditOutcome, Session, ApiToken, Alert } from "./types";

/**
 * Opens the store the configuration names, its schema migrated first: Postgres when
 * DATABASE_URL is set (several instances share it), else the SQLite file in DATA_DIR.
 */
export async function openStore(cfg: { databaseUrl?: string; dataDir: string }): Promise<Store> {
  if (cfg.databaseUrl) {
    await migratePostgres(cfg.databaseUrl);
    return openKyselyStore(postgresDialect(cfg.databaseUrl));
  }
  const file = path.join(cfg.dataDir, "console.sqlite");
  preparePrivateFile(file);
  await migrateSqlite(file);
  return openKyselyStore(sqliteDialect(file));
}

/** The console's store (users, sessions, audit, snapshots, alerts, …), opened on first use. */
export function getStore(): Store {
  return processSingleton("store", () => deferStore(() => openStore(getConfig())));
}

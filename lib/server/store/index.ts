import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/server/env";
import { openSqliteStore } from "./sqlite-store";
import type { Store } from "./types";

export type { Store, User, ProgressSnapshot, AuditEntry, AuditActorRole, AuditOutcome, Session, ApiToken, Alert } from "./types";

// One store per process. Next's dev server reloads modules, so keep it on globalThis to avoid
// opening the SQLite file again on every reload.
const holder = globalThis as unknown as { __outboundStore?: Store };

/** The console's store (users, progress snapshots, audit), opened on first use. */
export function getStore(): Store {
  holder.__outboundStore ??= openSqliteStore(path.join(getConfig().dataDir, "console.sqlite"));
  return holder.__outboundStore;
}

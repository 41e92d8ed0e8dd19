// SQLite persistence for the sandbox. One file per dataDir so tests can use throwaway dirs.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Campaign fields live in one JSON blob: the list is small, filtering happens in JS,
-- and a full-replacement PUT is then a single column write.
CREATE TABLE IF NOT EXISTS campaigns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_updated_by TEXT NOT NULL
);

-- Secrets are kept here and never returned by the public API (only their key names).
CREATE TABLE IF NOT EXISTS webhooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id INTEGER NOT NULL,
  trigger_statuses TEXT NOT NULL,
  url TEXT NOT NULL,
  request_method TEXT NOT NULL,
  auth_values TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS webhooks_campaign ON webhooks (campaign_id);

CREATE TABLE IF NOT EXISTS batches (
  batch_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  campaign_id INTEGER NOT NULL,
  expires_on TEXT,
  paused INTEGER,
  call_rate INTEGER,
  status TEXT NOT NULL DEFAULT 'PENDING',
  upload_filename TEXT,
  dispatch_id TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT,
  deleted_reason TEXT,
  last_updated_at TEXT,
  last_updated_by TEXT NOT NULL,
  error_message TEXT,
  canceled INTEGER NOT NULL DEFAULT 0,
  credit REAL NOT NULL DEFAULT 0,
  auto_call_rate INTEGER NOT NULL DEFAULT 0,
  auto_call_rate_baseline REAL
);

-- *_at INTEGER columns are simulated epoch ms of the next engine event for the row.
CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL,
  reference_id TEXT NOT NULL,
  target TEXT NOT NULL,
  request_variables TEXT NOT NULL,
  channel_manager_sid TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  session_id INTEGER,
  conversation_id INTEGER,
  request_status TEXT NOT NULL,
  channel_manager_status TEXT,
  insights_status TEXT,
  insights TEXT,
  line_type TEXT,
  enrichment TEXT,
  resolve_at INTEGER,
  insights_at INTEGER,
  eligible_at INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS requests_ref ON requests (batch_id, reference_id);
CREATE INDEX IF NOT EXISTS requests_status ON requests (batch_id, request_status);
-- In id order within a batch: the streamed results answer reads on from the last id sent.
CREATE INDEX IF NOT EXISTS requests_batch ON requests (batch_id);
CREATE INDEX IF NOT EXISTS requests_target ON requests (batch_id, target);
CREATE INDEX IF NOT EXISTS requests_resolve ON requests (resolve_at) WHERE resolve_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS requests_insights ON requests (insights_at) WHERE insights_at IS NOT NULL;

-- Attempts per campaign per simulated UTC day, for max_daily_calls.
CREATE TABLE IF NOT EXISTS campaign_daily (
  campaign_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, day)
);
`;

/** Opens (creating if needed) `${dataDir}/sandbox.sqlite` with WAL and the schema in place. */
export function openDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, "sandbox.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(SCHEMA);
  addMissingColumns(db);
  return db;
}

// Columns added after a sandbox database may already exist (CREATE TABLE IF NOT EXISTS skips them).
const LATER_COLUMNS: Record<string, string[]> = {
  batches: ["auto_call_rate INTEGER NOT NULL DEFAULT 0", "auto_call_rate_baseline REAL"],
};

function addMissingColumns(db: Db): void {
  for (const [table, columns] of Object.entries(LATER_COLUMNS)) {
    const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    for (const column of columns) if (!have.has(column.split(" ")[0]!)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
  }
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}

export const SANDBOX_USER = "sandbox-api@syllable.local";

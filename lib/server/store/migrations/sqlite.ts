// The SQLite schema, as versioned migrations (applied in name order by Kysely's migrator; see
// ../migrate.ts). Never edit a migration that has shipped: add the next one.
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;
const run = (db: Db, statements: string) =>
  statements
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .reduce(
      (p, s) =>
        p.then(() =>
          sql
            .raw(s)
            .execute(db)
            .then(() => undefined),
        ),
      Promise.resolve(),
    );

const RESULT_TABLES = `
CREATE TABLE result_sets (
  batch_id TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  read_at INTEGER NOT NULL,
  counts_key TEXT NOT NULL,
  variables TEXT NOT NULL,
  final INTEGER NOT NULL,
  stale INTEGER NOT NULL DEFAULT 0,
  failed_at INTEGER,
  failure TEXT
);
CREATE TABLE batch_results (
  batch_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  reference_id TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL,
  insights TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  sent_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ref_key TEXT NOT NULL,
  target_key TEXT NOT NULL,
  search TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (batch_id, generation, seq)
);
CREATE INDEX batch_results_status ON batch_results (batch_id, generation, status, seq);
CREATE INDEX batch_results_outcome ON batch_results (batch_id, generation, outcome, seq);
CREATE INDEX batch_results_ref ON batch_results (batch_id, generation, ref_key, seq);
CREATE INDEX batch_results_target ON batch_results (batch_id, generation, target_key, seq);
CREATE INDEX batch_results_sent_at ON batch_results (batch_id, generation, sent_at, seq);
CREATE INDEX batch_results_attempts ON batch_results (batch_id, generation, attempts, seq);
-- A search reads this narrow index (covering: the text and the row id) instead of every row's JSON.
CREATE INDEX batch_results_search ON batch_results (batch_id, generation, search)
`;

export const sqliteMigrations: Record<string, Migration> = {
  // The schema as it stood before versioned migrations: IF NOT EXISTS everywhere, so a data file
  // created by an earlier console is adopted as it is.
  "0001-initial": {
    up: (db: Db) =>
      run(
        db,
        `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS progress_snapshots (
  batch_id TEXT NOT NULL,
  at TEXT NOT NULL,
  total INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  status_counts TEXT NOT NULL,
  PRIMARY KEY (batch_id, at)
);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_email TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target, id);
CREATE INDEX IF NOT EXISTS audit_log_pending ON audit_log (outcome) WHERE outcome = 'pending';
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE TABLE IF NOT EXISTS login_failures (
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures (key, at);
CREATE TABLE IF NOT EXISTS campaign_versions (
  campaign_id INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  body TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, updated_at)
);
CREATE INDEX IF NOT EXISTS campaign_versions_seq ON campaign_versions (seq);
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  resolved_at TEXT,
  acked_by TEXT,
  acked_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS alerts_one_open ON alerts (batch_id, kind) WHERE resolved_at IS NULL;
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT
);
CREATE TABLE IF NOT EXISTS leases (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
)`,
      ),
  },
  // Snapshots keep the channel outcomes (today's connected and voicemail totals). A file that got
  // the column from the unversioned schema of 2026-11-23 already has it.
  "0002-snapshot-outcomes": {
    up: async (db: Db) => {
      const columns = await sql<{ name: string }>`PRAGMA table_info(progress_snapshots)`.execute(db);
      if (!columns.rows.some((c) => c.name === "outcomes"))
        await sql`ALTER TABLE progress_snapshots ADD COLUMN outcomes TEXT NOT NULL DEFAULT '{}'`.execute(db);
    },
  },
  // What the instance reading a batch shares with the others (see lib/server/live).
  "0003-live-states": {
    up: async (db: Db) => {
      await sql`CREATE TABLE IF NOT EXISTS live_states (key TEXT PRIMARY KEY, body TEXT NOT NULL, fetched_at INTEGER NOT NULL)`.execute(db);
    },
  },
  // The audit page filters by action and by actor; stop/resume campaign reads its own entries back.
  "0004-audit-filters": {
    up: async (db: Db) => {
      await sql`CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action, id)`.execute(db);
      await sql`CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor_email, id)`.execute(db);
    },
  },
  // An alert keeps the figure it is about, so an acknowledgement holds until it changes materially.
  "0005-alert-figure": {
    up: async (db: Db) => {
      await sql`ALTER TABLE alerts ADD COLUMN figure REAL`.execute(db);
    },
  },
  // Batch results kept in the store (lib/server/results): one set per batch, read from Syllable
  // into a new generation and published when the read completed, so a failed read leaves the
  // previous rows. Sort columns are never NULL (a high sentinel instead: NULLs sort last going
  // up), so one index per sortable column serves both directions on both dialects.
  "0006-batch-results": {
    up: (db: Db) => run(db, RESULT_TABLES),
  },
  // Suppression (do-not-call) lists: see lib/server/suppression.
  "0007-suppression": {
    up: (db: Db) =>
      run(
        db,
        `
CREATE TABLE suppression_lists (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  applies_to TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX suppression_lists_name ON suppression_lists (lower(name));
CREATE TABLE suppression_list_campaigns (
  list_id INTEGER NOT NULL,
  campaign_id INTEGER NOT NULL,
  PRIMARY KEY (list_id, campaign_id)
);
CREATE INDEX suppression_list_campaigns_campaign ON suppression_list_campaigns (campaign_id);
CREATE TABLE suppression_numbers (
  list_id INTEGER NOT NULL,
  number TEXT NOT NULL,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  expires_at TEXT,
  PRIMARY KEY (list_id, number)
);
CREATE INDEX suppression_numbers_number ON suppression_numbers (number);
CREATE TABLE suppression_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE suppression_batches (
  batch_id TEXT PRIMARY KEY,
  swept_change INTEGER NOT NULL DEFAULT 0,
  at_upload INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0
)`,
      ),
  },
  // Batch schedules and calling hours (lib/server/schedule): one row per batch the scheduler
  // follows, and the console's settings (the calling-hours policy).
  "0008-schedules": {
    up: (db: Db) =>
      run(
        db,
        `
CREATE TABLE batch_schedules (
  batch_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  explicit INTEGER NOT NULL,
  groups TEXT NOT NULL,
  groups_at INTEGER NOT NULL,
  held_by_schedule INTEGER NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  state_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
      ),
  },
  // Outcome reports (lib/server/reports): each batch's stored results tallied by 15 minutes of
  // UTC and line type when they are read, so a report over a month of a million results sums a
  // few thousand rows instead of reading the results.
  "0009-report-buckets": {
    up: (db: Db) =>
      run(
        db,
        `
CREATE TABLE report_buckets (
  batch_id TEXT NOT NULL,
  campaign_id INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  line_type TEXT NOT NULL,
  requests INTEGER NOT NULL,
  attempted INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  reached INTEGER NOT NULL,
  voicemail INTEGER NOT NULL,
  no_answer INTEGER NOT NULL,
  busy INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  PRIMARY KEY (batch_id, bucket, line_type)
);
CREATE INDEX report_buckets_by_time ON report_buckets (bucket);
-- Sets read before tallies were kept are read again (once) so that they are in the reports.
UPDATE result_sets SET final = 0, stale = 1`,
      ),
  },
  // API tokens made on the tokens page: a role at most their user's (null: the user's own) and who made them.
  "0010-token-roles": {
    up: (db: Db) =>
      run(
        db,
        `
ALTER TABLE api_tokens ADD COLUMN role TEXT;
ALTER TABLE api_tokens ADD COLUMN created_by TEXT`,
      ),
  },
  // Stored rows keep sent_at as one UTC instant since the reports' drill-down (ranges and sorts
  // compare instants); sets stored before it kept Syllable's text and are read again, once.
  "0011-sent-at-instants": {
    up: (db: Db) => run(db, "UPDATE result_sets SET final = 0, stale = 1"),
  },
};

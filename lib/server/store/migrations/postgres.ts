// The Postgres schema, as versioned migrations (applied in name order by Kysely's migrator, under
// its advisory lock, so instances starting together apply each once; see ../migrate.ts). Times
// are ISO-8601 text, as in SQLite: both stores compare and bucket them the same way.
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export const postgresMigrations: Record<string, Migration> = {
  "0001-initial": {
    up: async (db: Db) => {
      await sql`
CREATE TABLE users (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE TABLE progress_snapshots (
  batch_id TEXT NOT NULL,
  at TEXT NOT NULL,
  total INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  status_counts JSONB NOT NULL,
  outcomes JSONB NOT NULL DEFAULT '{}',
  PRIMARY KEY (batch_id, at)
);
CREATE INDEX progress_snapshots_at ON progress_snapshots (at);
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  actor_email TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail JSONB NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target, id);
CREATE INDEX audit_log_pending ON audit_log (outcome) WHERE outcome = 'pending';
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);
CREATE TABLE campaign_versions (
  campaign_id BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  body JSONB NOT NULL,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (campaign_id, updated_at)
);
CREATE INDEX campaign_versions_seq ON campaign_versions (seq);
CREATE TABLE alerts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  resolved_at TEXT,
  acked_by TEXT,
  acked_at TEXT
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (batch_id, kind) WHERE resolved_at IS NULL;
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT
);
CREATE TABLE leases (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
`.execute(db);
    },
  },
  // What the instance reading a batch shares with the others (see lib/server/live).
  "0002-live-states": {
    up: async (db: Db) => {
      await sql`CREATE TABLE live_states (key TEXT PRIMARY KEY, body JSONB NOT NULL, fetched_at BIGINT NOT NULL)`.execute(db);
    },
  },
  // The audit page filters by action and by actor; stop/resume campaign reads its own entries back.
  "0003-audit-filters": {
    up: async (db: Db) => {
      await sql`CREATE INDEX audit_log_action ON audit_log (action, id)`.execute(db);
      await sql`CREATE INDEX audit_log_actor ON audit_log (actor_email, id)`.execute(db);
    },
  },
  // An alert keeps the figure it is about, so an acknowledgement holds until it changes materially.
  "0004-alert-figure": {
    up: async (db: Db) => {
      await sql`ALTER TABLE alerts ADD COLUMN figure DOUBLE PRECISION`.execute(db);
    },
  },
  // Batch results kept in the store (see the SQLite migration 0006). Key columns sort by bytes
  // (COLLATE "C"), as SQLite does, so both dialects page in the same order.
  "0005-batch-results": {
    up: async (db: Db) => {
      await sql`
CREATE TABLE result_sets (
  batch_id TEXT PRIMARY KEY,
  generation BIGINT NOT NULL,
  row_count INTEGER NOT NULL,
  read_at BIGINT NOT NULL,
  counts_key TEXT NOT NULL,
  variables TEXT NOT NULL,
  final INTEGER NOT NULL,
  stale INTEGER NOT NULL DEFAULT 0,
  failed_at BIGINT,
  failure TEXT
)`.execute(db);
      await sql`
CREATE TABLE batch_results (
  batch_id TEXT NOT NULL,
  generation BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  reference_id TEXT NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  outcome TEXT COLLATE "C" NOT NULL,
  insights TEXT COLLATE "C" NOT NULL,
  attempts INTEGER NOT NULL,
  sent_at TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  ref_key TEXT COLLATE "C" NOT NULL,
  target_key TEXT COLLATE "C" NOT NULL,
  search TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (batch_id, generation, seq)
)`.execute(db);
      for (const [name, column] of [
        ["status", "status"],
        ["outcome", "outcome"],
        ["ref", "ref_key"],
        ["target", "target_key"],
        ["sent_at", "sent_at"],
        ["attempts", "attempts"],
        // No index on the search text, unlike SQLite: a B-tree entry is limited to ~2.7 kB and
        // variables can be longer; a search scans the generation's rows.
      ])
        await sql.raw(`CREATE INDEX batch_results_${name} ON batch_results (batch_id, generation, ${column}, seq)`).execute(db);
    },
  },
  // Suppression (do-not-call) lists (see the SQLite migration 0007).
  "0006-suppression": {
    up: async (db: Db) => {
      await sql`
CREATE TABLE suppression_lists (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  applies_to TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX suppression_lists_name ON suppression_lists (lower(name));
CREATE TABLE suppression_list_campaigns (
  list_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  PRIMARY KEY (list_id, campaign_id)
);
CREATE INDEX suppression_list_campaigns_campaign ON suppression_list_campaigns (campaign_id);
CREATE TABLE suppression_numbers (
  list_id BIGINT NOT NULL,
  number TEXT COLLATE "C" NOT NULL,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  expires_at TEXT,
  PRIMARY KEY (list_id, number)
);
CREATE INDEX suppression_numbers_number ON suppression_numbers (number);
CREATE TABLE suppression_changes (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  list_id BIGINT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE suppression_batches (
  batch_id TEXT PRIMARY KEY,
  swept_change BIGINT NOT NULL DEFAULT 0,
  at_upload INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0
)`.execute(db);
    },
  },
  // Batch schedules and calling hours (see the SQLite migration 0008).
  "0007-schedules": {
    up: async (db: Db) => {
      await sql`
CREATE TABLE batch_schedules (
  batch_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  explicit INTEGER NOT NULL,
  groups TEXT NOT NULL,
  groups_at BIGINT NOT NULL,
  held_by_schedule INTEGER NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  state_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`.execute(db);
    },
  },
  // Outcome reports (see the SQLite migration 0009).
  "0008-report-buckets": {
    up: async (db: Db) => {
      await sql`
CREATE TABLE report_buckets (
  batch_id TEXT NOT NULL,
  campaign_id INTEGER NOT NULL,
  bucket BIGINT NOT NULL,
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
UPDATE result_sets SET final = 0, stale = 1`.execute(db);
    },
  },
  // API tokens' own roles and makers (see the SQLite migration 0010).
  "0009-token-roles": {
    up: async (db: Db) => {
      await sql`
ALTER TABLE api_tokens ADD COLUMN role TEXT;
ALTER TABLE api_tokens ADD COLUMN created_by TEXT`.execute(db);
    },
  },
  // Result sets stored before sent_at was kept as one instant are read again (see the SQLite migration 0011).
  "0010-sent-at-instants": {
    up: async (db: Db) => {
      await sql`UPDATE result_sets SET final = 0, stale = 1`.execute(db);
    },
  },
};

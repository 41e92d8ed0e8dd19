// The console's tables as Kysely sees them, shared by both dialects (the DDL, which differs, is in
// ../migrations). JSON columns read as text on SQLite and as values on Postgres: the dialect's
// readJson turns either into a value (see dialects.ts); writes always send JSON text.
import type { ColumnType, Generated } from "kysely";
import type { StoredResultRow } from "../types";

type Json = ColumnType<unknown, string, string>;

export interface Database {
  users: { id: Generated<number>; email: string; role: string; password_hash: string; created_at: string };
  sessions: { id_hash: string; user_id: number; created_at: string; last_seen_at: string; user_agent: string; address: string };
  api_tokens: {
    id: string;
    user_id: number;
    name: string;
    token_hash: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    role: ColumnType<string | null, string | null | undefined, string | null>;
    created_by: ColumnType<string | null, string | null | undefined, string | null>;
  };
  login_failures: { key: string; at: string };
  progress_snapshots: { batch_id: string; at: string; total: number; finished: number; status_counts: Json; outcomes: Json };
  audit_log: { id: Generated<number>; at: string; actor_email: string; actor_role: string; action: string; target: string; outcome: string; detail: Json };
  /** `seq` orders versions for pruning: an identity column on Postgres, given on insert on SQLite. */
  campaign_versions: { campaign_id: number; updated_at: string; body: Json; seq: ColumnType<number, number | undefined, never> };
  alerts: {
    id: Generated<number>;
    batch_id: string;
    kind: string;
    message: string;
    opened_at: string;
    resolved_at: string | null;
    acked_by: string | null;
    acked_at: string | null;
    figure: number | null;
  };
  leases: { key: string; holder: string; expires_at: number };
  live_states: { key: string; body: Json; fetched_at: number };
  /** `variables`: JSON text of the variable names (the export's columns); `final`, `stale`: 0 or 1. */
  result_sets: {
    batch_id: string;
    generation: number;
    row_count: number;
    read_at: number;
    counts_key: string;
    variables: string;
    final: number;
    stale: ColumnType<number, number | undefined, number>;
    failed_at: number | null;
    failure: string | null;
  };
  /** One result row: its key columns (see lib/server/results/stored-row.ts) and the row as JSON text. */
  batch_results: { batch_id: string; generation: number } & StoredResultRow;
  suppression_lists: {
    id: Generated<number>;
    name: string;
    description: string;
    applies_to: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  suppression_list_campaigns: { list_id: number; campaign_id: number };
  /** `number`: E.164; `expires_at`: ISO, after which the entry no longer applies (null: never). */
  suppression_numbers: {
    list_id: number;
    number: string;
    reason: string;
    source: string;
    added_by: string;
    added_at: string;
    expires_at: string | null;
  };
  /** One row per change that may suppress queued requests (numbers added, a list assigned): the sweep's clock. */
  suppression_changes: { id: Generated<number>; list_id: number; at: string };
  /** Per batch: the last change its queued requests were checked against, and what was left out of it. */
  suppression_batches: {
    batch_id: string;
    swept_change: ColumnType<number, number | undefined, number>;
    at_upload: ColumnType<number, number | undefined, number>;
    removed: ColumnType<number, number | undefined, number>;
  };
  /**
   * A batch the scheduler follows: its schedule (JSON; `explicit` 0 when only calling hours apply),
   * its pending recipients by place (JSON), and what the scheduler last did (`held_by_schedule` 1:
   * the console holds it and may release it; a person's pause leaves it 0).
   */
  batch_schedules: {
    batch_id: string;
    body: string;
    explicit: number;
    groups: string;
    groups_at: number;
    held_by_schedule: number;
    state: string;
    reason: string;
    state_at: number;
    updated_by: string;
    updated_at: string;
  };
  settings: { key: string; body: string; updated_by: string; updated_at: string };
  report_buckets: {
    batch_id: string;
    campaign_id: number;
    bucket: number;
    line_type: string;
    requests: number;
    attempted: number;
    attempts: number;
    reached: number;
    voicemail: number;
    no_answer: number;
    busy: number;
    failed: number;
    completed: number;
  };
}

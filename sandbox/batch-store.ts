// Batch rows: status derivation, serialisation, and the GROUP BY counts shared by routes and engine.
import type { Db } from "./db";

export interface BatchRow {
  batch_id: string;
  seq: number;
  campaign_id: number;
  expires_on: string | null;
  paused: number | null;
  call_rate: number | null;
  status: string;
  upload_filename: string | null;
  dispatch_id: string | null;
  created_at: string;
  deleted_at: string | null;
  deleted_reason: string | null;
  last_updated_at: string | null;
  last_updated_by: string;
  error_message: string | null;
  canceled: number;
  credit: number;
  auto_call_rate: number;
  auto_call_rate_baseline: number | null;
}

export function getBatchRow(db: Db, batchId: string, includeDeleted = false): BatchRow | undefined {
  const row = db.prepare("SELECT * FROM batches WHERE batch_id = ?").get(batchId) as BatchRow | undefined;
  if (!row || (row.deleted_at !== null && !includeDeleted)) return undefined;
  return row;
}

/** The stored status, derived in priority order (see README). */
export function computeStatus(db: Db, row: BatchRow, nowMs: number): string {
  if (row.error_message) return "FAILED";
  if (row.canceled) return "CANCELED";
  if (row.expires_on !== null && Date.parse(row.expires_on) <= nowMs) return "EXPIRED";
  if (row.paused) return "PAUSED";
  const any = db.prepare("SELECT 1 FROM requests WHERE batch_id = ? LIMIT 1").get(row.batch_id);
  return any ? "ACTIVE" : "PENDING";
}

/** Recomputes and stores the status of one batch; returns the fresh row. */
export function refreshStatus(db: Db, batchId: string, nowMs: number): BatchRow | undefined {
  const row = db.prepare("SELECT * FROM batches WHERE batch_id = ?").get(batchId) as BatchRow | undefined;
  if (!row) return undefined;
  const status = computeStatus(db, row, nowMs);
  if (status !== row.status) {
    db.prepare("UPDATE batches SET status = ? WHERE batch_id = ?").run(status, batchId);
    row.status = status;
  }
  return row;
}

export function serializeBatch(row: BatchRow): Record<string, unknown> {
  return {
    batch_id: row.batch_id,
    campaign_id: row.campaign_id,
    expires_on: row.expires_on,
    paused: row.paused === null ? null : row.paused === 1,
    call_rate: row.call_rate,
    auto_call_rate: row.auto_call_rate === 1,
    auto_call_rate_baseline: row.auto_call_rate_baseline,
    status: row.status,
    upload_filename: row.upload_filename,
    dispatch_id: row.dispatch_id,
    created_at: row.created_at,
    deleted_at: row.deleted_at,
    deleted_reason: row.deleted_reason,
    last_updated_at: row.last_updated_at,
    last_updated_by: row.last_updated_by,
    error_message: row.error_message,
  };
}

/** status_counts and detailed_status_counts straight from the requests table. */
export function statusCounts(
  db: Db,
  batchId: string,
): {
  status_counts: Record<string, number>;
  detailed_status_counts: Record<string, { total_count: number; counts?: Record<string, number> }>;
} {
  const rows = db
    .prepare(
      "SELECT request_status AS s, channel_manager_status AS c, COUNT(*) AS n FROM requests WHERE batch_id = ? GROUP BY request_status, channel_manager_status",
    )
    .all(batchId) as { s: string; c: string | null; n: number }[];
  const status_counts: Record<string, number> = {};
  const detailed: Record<string, { total_count: number; counts?: Record<string, number> }> = {};
  for (const { s, c, n } of rows) {
    status_counts[s] = (status_counts[s] ?? 0) + n;
    const entry = (detailed[s] ??= { total_count: 0 });
    entry.total_count += n;
    if (c !== null) (entry.counts ??= {})[c] = n;
  }
  return { status_counts, detailed_status_counts: detailed };
}

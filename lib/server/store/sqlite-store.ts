import "server-only";
import { preparePrivateFile } from "./private-file";
import { EventEmitter } from "node:events";
import Database from "better-sqlite3";
import { auditWhere } from "./audit-filter";
import type { Role } from "@/lib/schemas/roles";
import type { Campaign } from "@/lib/schemas/syllable";
import { LastAdminError, type Alert, type ApiToken, type AuditActorRole, type AuditEntry, type AuditOutcome, type ProgressSnapshot, type Session, type Store, type User } from "./types";


/** Campaign versions kept for naming the fields of a 409; the oldest go first. */
const MAX_CAMPAIGN_VERSIONS = 2000;

type AuditRow = { id: number; at: string; actor_email: string; actor_role: AuditActorRole; action: string; target: string; outcome: AuditOutcome; detail: string };
const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorEmail: r.actor_email,
  actorRole: r.actor_role,
  action: r.action,
  target: r.target,
  outcome: r.outcome,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

type AlertRow = { id: number; batch_id: string; kind: string; message: string; opened_at: string; resolved_at: string | null; acked_by: string | null; acked_at: string | null; figure: number | null };
const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  batchId: r.batch_id,
  kind: r.kind,
  message: r.message,
  openedAt: r.opened_at,
  resolvedAt: r.resolved_at,
  ackedBy: r.acked_by,
  ackedAt: r.acked_at,
  figure: r.figure ?? null,
});

type SnapshotRow = { batch_id: string; at: string; total: number; finished: number; status_counts: string; outcomes: string };
const toSnapshot = (r: SnapshotRow): ProgressSnapshot => ({
  batchId: r.batch_id,
  at: r.at,
  total: r.total,
  finished: r.finished,
  statusCounts: JSON.parse(r.status_counts) as Record<string, number>,
  outcomes: JSON.parse(r.outcomes) as Record<string, number>,
});

type UserRow = { id: number; email: string; role: Role; password_hash: string; created_at: string };
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at });

type SessionRow = { id_hash: string; user_id: number; created_at: string; last_seen_at: string; user_agent: string; address: string };
const toSession = (r: SessionRow): Session => ({
  idHash: r.id_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  userAgent: r.user_agent,
  address: r.address,
});

type TokenRow = { id: string; user_id: number; name: string; token_hash: string; created_at: string; expires_at: string | null; last_used_at: string | null };
const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
});

/**
 * Opens the console's SQLite store at `file` (its schema migrated first: see migrate.ts). better-sqlite3 is synchronous;
 * the methods answer promises anyway so every caller is ready for a networked store.
 */
export function openSqliteStore(file: string): Store {
  preparePrivateFile(file, () => undefined); // openStore warned already, if it had to
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");

  const q = {
    userByEmail: db.prepare<[string], UserRow>("SELECT * FROM users WHERE email = ?"),
    userById: db.prepare<[number], UserRow>("SELECT * FROM users WHERE id = ?"),
    users: db.prepare<[], UserRow>("SELECT * FROM users ORDER BY email"),
    insertUser: db.prepare("INSERT INTO users (email, role, password_hash, created_at) VALUES (?, ?, ?, ?)"),
    removeUser: db.prepare("DELETE FROM users WHERE email = ?"),
    setPassword: db.prepare("UPDATE users SET password_hash = ? WHERE email = ?"),
    setRole: db.prepare("UPDATE users SET role = ? WHERE email = ?"),
    otherAdmins: db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND id <> ?"),
    insertSession: db.prepare(
      "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, user_agent, address) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    session: db.prepare<[string], SessionRow>("SELECT * FROM sessions WHERE id_hash = ?"),
    touchSession: db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?"),
    removeSession: db.prepare("DELETE FROM sessions WHERE id_hash = ?"),
    removeUserSessions: db.prepare("DELETE FROM sessions WHERE user_id = ?"),
    pruneSessions: db.prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?"),
    insertFailure: db.prepare("INSERT INTO login_failures (key, at) VALUES (?, ?)"),
    failures: db.prepare<[string, string], { at: string }>("SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at"),
    clearFailures: db.prepare("DELETE FROM login_failures WHERE key = ?"),
    pruneFailures: db.prepare("DELETE FROM login_failures WHERE at < ?"),
    releaseFailure: db.prepare("DELETE FROM login_failures WHERE rowid = (SELECT rowid FROM login_failures WHERE key = ? AND at = ? LIMIT 1)"),
    clearFailurePrefix: db.prepare("DELETE FROM login_failures WHERE substr(key, 1, ?) = ?"),
    rememberVersion: db.prepare(
      "INSERT INTO campaign_versions (campaign_id, updated_at, body, seq) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM campaign_versions)) ON CONFLICT DO NOTHING",
    ),
    pruneVersions: db.prepare(
      "DELETE FROM campaign_versions WHERE seq <= (SELECT MAX(seq) FROM campaign_versions) - ?",
    ),
    versionAt: db.prepare<[number, string], { body: string }>("SELECT body FROM campaign_versions WHERE campaign_id = ? AND updated_at = ?"),
    acquireLease: db.prepare(
      `INSERT INTO leases (key, holder, expires_at) VALUES (@key, @holder, @expires)
       ON CONFLICT(key) DO UPDATE SET holder = @holder, expires_at = @expires WHERE leases.holder = @holder OR leases.expires_at <= @now`,
    ),
    releaseLease: db.prepare("DELETE FROM leases WHERE key = ? AND holder = ?"),
    insertToken: db.prepare(
      "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    tokenByHash: db.prepare<[string], TokenRow>("SELECT * FROM api_tokens WHERE token_hash = ?"),
    tokens: db.prepare<[], TokenRow & { email: string }>(
      "SELECT api_tokens.*, users.email FROM api_tokens JOIN users ON users.id = api_tokens.user_id ORDER BY created_at DESC",
    ),
    touchToken: db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"),
    removeToken: db.prepare("DELETE FROM api_tokens WHERE id = ?"),
    removeUserTokens: db.prepare("DELETE FROM api_tokens WHERE user_id = ?"),
    insertSnapshot: db.prepare(
      "INSERT OR REPLACE INTO progress_snapshots (batch_id, at, total, finished, status_counts, outcomes) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    snapshotBefore: db.prepare<[string, string], SnapshotRow>("SELECT * FROM progress_snapshots WHERE batch_id = ? AND at < ? ORDER BY at DESC LIMIT 1"),
    snapshotFrom: db.prepare<[string, string], SnapshotRow>("SELECT * FROM progress_snapshots WHERE batch_id = ? AND at >= ? ORDER BY at ASC LIMIT 1"),
    snapshots: db.prepare<[string, string, number], SnapshotRow>(
      "SELECT * FROM (SELECT * FROM progress_snapshots WHERE batch_id = ? AND at >= ? ORDER BY at DESC LIMIT ?) ORDER BY at ASC",
    ),
    insertAudit: db.prepare(
      "INSERT INTO audit_log (at, actor_email, actor_role, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    latestAudit: db.prepare<[string], AuditRow>("SELECT * FROM audit_log WHERE target = ? AND outcome = 'ok' ORDER BY id DESC LIMIT 1"),
    auditById: db.prepare<[number], AuditRow>("SELECT * FROM audit_log WHERE id = ?"),
    completeAudit: db.prepare("UPDATE audit_log SET outcome = ?, detail = ? WHERE id = ? AND outcome = 'pending'"),
    pendingAudit: db.prepare<[string], AuditRow>("SELECT * FROM audit_log WHERE outcome = 'pending' AND at < ? ORDER BY id ASC"),
  };

  return {
    users: {
      async create({ email, role, passwordHash }) {
        const createdAt = new Date().toISOString();
        const info = q.insertUser.run(email, role, passwordHash, createdAt);
        return { id: Number(info.lastInsertRowid), email, role, passwordHash, createdAt };
      },
      async findByEmail(email) {
        const r = q.userByEmail.get(email);
        return r && toUser(r);
      },
      async findById(id) {
        const r = q.userById.get(id);
        return r && toUser(r);
      },
      list: async () => q.users.all().map(toUser),
      // A removed user's sessions and API tokens go with it, in one transaction.
      remove: async (email, opts) =>
        db
          .transaction(() => {
          const user = q.userByEmail.get(email);
          if (!user) return false;
          if (opts?.keepAnAdmin && user.role === "admin" && q.otherAdmins.get(user.id)!.n === 0) throw new LastAdminError(email);
          q.removeUserSessions.run(user.id);
          q.removeUserTokens.run(user.id);
          return q.removeUser.run(email).changes > 0;
        })
          .immediate(),
      setPassword: async (email, hash) => q.setPassword.run(hash, email).changes > 0,
      // BEGIN IMMEDIATE: two admins demoting each other at once are serialised, and the second sees the first's write.
      setRole: async (email, role, opts) =>
        db
          .transaction(() => {
            const user = q.userByEmail.get(email);
            if (!user) return false;
            if (opts?.keepAnAdmin && user.role === "admin" && role !== "admin" && q.otherAdmins.get(user.id)!.n === 0) throw new LastAdminError(email);
            return q.setRole.run(role, email).changes > 0;
          })
          .immediate(),
    },
    sessions: {
      async create(s) {
        q.insertSession.run(s.idHash, s.userId, s.createdAt, s.lastSeenAt, s.userAgent, s.address);
      },
      async find(idHash) {
        const r = q.session.get(idHash);
        return r && toSession(r);
      },
      async touch(idHash, lastSeenAt) {
        q.touchSession.run(lastSeenAt, idHash);
      },
      async remove(idHash) {
        q.removeSession.run(idHash);
      },
      removeForUser: async (userId) => q.removeUserSessions.run(userId).changes,
      async prune({ idleBefore, createdBefore }) {
        q.pruneSessions.run(idleBefore, createdBefore);
      },
    },
    tokens: {
      async create(t) {
        q.insertToken.run(t.id, t.userId, t.name, t.tokenHash, t.createdAt, t.expiresAt, t.lastUsedAt);
      },
      async findByHash(hash) {
        const r = q.tokenByHash.get(hash);
        return r && toToken(r);
      },
      list: async () => q.tokens.all().map((r) => ({ ...toToken(r), email: r.email })),
      async touch(id, at) {
        q.touchToken.run(at, id);
      },
      remove: async (id) => q.removeToken.run(id).changes > 0,
    },
    loginAttempts: {
      async addFailure(key, at) {
        q.insertFailure.run(key, at);
      },
      failuresSince: async (key, since) => q.failures.all(key, since).map((r) => r.at),
      async clear(key) {
        q.clearFailures.run(key);
      },
      async prune(before) {
        q.pruneFailures.run(before);
      },
      // BEGIN IMMEDIATE: the write lock is taken before the read, so another process's claim waits.
      claim: async (keys, at, since, allowed) =>
        db
          .transaction(() => {
            if (!allowed(keys.map((key) => q.failures.all(key, since).map((r) => r.at)))) return false;
            for (const key of keys) q.insertFailure.run(key, at);
            return true;
          })
          .immediate(),
      async release(key, at) {
        q.releaseFailure.run(key, at);
      },
      async clearPrefix(prefix) {
        q.clearFailurePrefix.run(prefix.length, prefix);
      },
    },
    snapshots: {
      async add(s: ProgressSnapshot) {
        q.insertSnapshot.run(s.batchId, s.at, s.total, s.finished, JSON.stringify(s.statusCounts), JSON.stringify(s.outcomes));
      },
      // Timestamps are ISO strings: the first 16 characters name the minute, the first 13 the hour.
      prune: async (now) =>
        db.transaction(() => {
          const t = Date.parse(now);
          const week = new Date(t - 7 * 86_400_000).toISOString();
          const quarter = new Date(t - 90 * 86_400_000).toISOString();
          const thin = (bucket: number, from: string, to: string) =>
            db
              .prepare(
                `DELETE FROM progress_snapshots WHERE rowid IN (
                   SELECT rowid FROM (
                     SELECT rowid, ROW_NUMBER() OVER (PARTITION BY batch_id, substr(at, 1, ${bucket}) ORDER BY at) AS n
                     FROM progress_snapshots WHERE at >= ? AND at < ?
                   ) WHERE n > 1)`,
              )
              .run(from, to).changes;
          const old = db.prepare("DELETE FROM progress_snapshots WHERE at < ?").run(quarter).changes;
          return old + thin(13, quarter, week) + thin(16, week, "9999");
        })(),
      async list(batchId, opts = {}) {
        return q.snapshots.all(batchId, opts.since ?? "", opts.limit ?? 500).map(toSnapshot);
      },
      async asOf(batchId, at) {
        const row = q.snapshotBefore.get(batchId, at) ?? q.snapshotFrom.get(batchId, at);
        return row ? toSnapshot(row) : null;
      },
    },
    audit: {
      async add(entry) {
        const info = q.insertAudit.run(
          entry.at,
          entry.actorEmail,
          entry.actorRole,
          entry.action,
          entry.target,
          entry.outcome,
          JSON.stringify(entry.detail),
        );
        return { ...entry, id: Number(info.lastInsertRowid) };
      },
      async list({ limit = 100, offset = 0, ...filter } = {}) {
        const { where, params } = auditWhere(filter, () => "?");
        return db
          .prepare<Array<string | number>, AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
          .all(...params, limit, offset)
          .map(toAuditEntry);
      },
      async count(filter = {}) {
        const { where, params } = auditWhere(filter, () => "?");
        return db.prepare<Array<string | number>, { n: number }>(`SELECT COUNT(*) AS n FROM audit_log ${where}`).get(...params)!.n;
      },
      async latestFor(target) {
        const r = q.latestAudit.get(target);
        return r && toAuditEntry(r);
      },
      // Read and update in one transaction, so two settlers of one intent cannot both win.
      complete: async (id, outcome, detail) =>
        db.transaction(() => {
          const r = q.auditById.get(id);
          if (!r || r.outcome !== "pending") return false;
          const merged = { ...(JSON.parse(r.detail) as Record<string, unknown>), ...detail };
          return q.completeAudit.run(outcome, JSON.stringify(merged), id).changes === 1;
        })(),
      pendingBefore: async (before) => q.pendingAudit.all(before).map(toAuditEntry),
    },
    alerts: {
      async open({ batchId, kind, message, at, figure = null, acked }) {
        const info = db
          .prepare("INSERT OR IGNORE INTO alerts (batch_id, kind, message, opened_at, figure, acked_by, acked_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .run(batchId, kind, message, at, figure, acked?.by ?? null, acked?.at ?? null);
        if (info.changes === 0) return null;
        return toAlert(db.prepare<[number], AlertRow>("SELECT * FROM alerts WHERE id = ?").get(Number(info.lastInsertRowid))!);
      },
      async resolve(batchId, kind, at) {
        const row = db.prepare<[string, string], AlertRow>("SELECT * FROM alerts WHERE batch_id = ? AND kind = ? AND resolved_at IS NULL").get(batchId, kind);
        if (!row) return null;
        db.prepare("UPDATE alerts SET resolved_at = ? WHERE id = ?").run(at, row.id);
        return toAlert({ ...row, resolved_at: at });
      },
      async list({ state, batchId, limit = 200 }) {
        const where = [state === "open" ? "resolved_at IS NULL" : state === "resolved" ? "resolved_at IS NOT NULL" : "1 = 1", batchId ? "batch_id = ?" : "1 = 1"].join(" AND ");
        const args: Array<string | number> = batchId ? [batchId, limit] : [limit];
        return db.prepare<Array<string | number>, AlertRow>(`SELECT * FROM alerts WHERE ${where} ORDER BY id DESC LIMIT ?`).all(...args).map(toAlert);
      },
      async ack(id, by, at) {
        db.prepare("UPDATE alerts SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_at IS NULL").run(by, at, id);
        const row = db.prepare<[number], AlertRow>("SELECT * FROM alerts WHERE id = ?").get(id);
        return row && toAlert(row);
      },
    },
    campaignVersions: {
      async remember(campaigns: Campaign[]) {
        const keep = campaigns.filter((c) => c.updated_at);
        if (!keep.length) return;
        db.transaction(() => {
          for (const c of keep) q.rememberVersion.run(c.id, c.updated_at!, JSON.stringify(c));
          q.pruneVersions.run(MAX_CAMPAIGN_VERSIONS);
        })();
      },
      async at(id, updatedAt) {
        const r = q.versionAt.get(id, updatedAt);
        return r ? (JSON.parse(r.body) as Campaign) : undefined;
      },
    },
    // One process owns an SQLite store's events: an in-process emitter is the whole bus.
    events: inProcessEvents(),
    leases: {
      async acquire(key, holder, ttlMs) {
        const now = Date.now();
        return q.acquireLease.run({ key, holder, expires: now + ttlMs, now }).changes > 0;
      },
      async release(key, holder) {
        q.releaseLease.run(key, holder);
      },
      holder: async (key) =>
        db.prepare<[string, number], { holder: string }>("SELECT holder FROM leases WHERE key = ? AND expires_at > ?").get(key, Date.now())?.holder ?? null,
    },
    liveStates: {
      async put(key, body, fetchedAt) {
        db.prepare(
          "INSERT INTO live_states (key, body, fetched_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at WHERE live_states.fetched_at <= excluded.fetched_at",
        ).run(key, JSON.stringify(body), fetchedAt);
      },
      async get(key) {
        const r = db.prepare<[string], { body: string; fetched_at: number }>("SELECT body, fetched_at FROM live_states WHERE key = ?").get(key);
        return r ? { body: JSON.parse(r.body) as unknown, fetchedAt: r.fetched_at } : null;
      },
    },
    close: async () => {
      db.close();
    },
  };
}

function inProcessEvents(): Store["events"] {
  const emitter = new EventEmitter();
  // Many viewers may listen to one channel; that is expected, not a leak.
  emitter.setMaxListeners(0);
  return {
    async publish(channel, payload) {
      emitter.emit(channel, payload);
    },
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
  };
}

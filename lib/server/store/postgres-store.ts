import "server-only";
// The console's store on Postgres (DATABASE_URL), for several console instances sharing one
// state: the same Store port as the SQLite file, with node-postgres (`pg`). Events between
// instances travel by LISTEN/NOTIFY on one channel.
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import { auditWhere } from "./audit-filter";
import type { Role } from "@/lib/schemas/roles";
import type { Campaign } from "@/lib/schemas/syllable";
import { LastAdminError, type Alert, type ApiToken, type AuditActorRole, type AuditEntry, type AuditOutcome, type ProgressSnapshot, type Session, type Store, type User } from "./types";

/** Campaign versions kept for naming the fields of a 409; the oldest go first. */
const MAX_CAMPAIGN_VERSIONS = 2000;
/** The one NOTIFY channel; each message names the bus channel it is for. */
const NOTIFY_CHANNEL = "outbound_console_events";
/** Postgres refuses NOTIFY payloads from 8,000 bytes. */
const MAX_NOTIFY_BYTES = 7_900;

// BIGINT ids come back as strings by default; ids here stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

type UserRow = { id: number; email: string; role: Role; password_hash: string; created_at: string };
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at });
type SessionRow = { id_hash: string; user_id: number; created_at: string; last_seen_at: string; user_agent: string; address: string };
const toSession = (r: SessionRow): Session => ({ idHash: r.id_hash, userId: r.user_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, userAgent: r.user_agent, address: r.address });
type TokenRow = { id: string; user_id: number; name: string; token_hash: string; created_at: string; expires_at: string | null; last_used_at: string | null };
const toToken = (r: TokenRow): ApiToken => ({ id: r.id, userId: r.user_id, name: r.name, tokenHash: r.token_hash, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at });
type SnapshotRow = { batch_id: string; at: string; total: number; finished: number; status_counts: Record<string, number>; outcomes: Record<string, number> };
const toSnapshot = (r: SnapshotRow): ProgressSnapshot => ({ batchId: r.batch_id, at: r.at, total: r.total, finished: r.finished, statusCounts: r.status_counts, outcomes: r.outcomes });
type AuditRow = { id: number; at: string; actor_email: string; actor_role: AuditActorRole; action: string; target: string; outcome: AuditOutcome; detail: Record<string, unknown> };
const toAuditEntry = (r: AuditRow): AuditEntry => ({ id: r.id, at: r.at, actorEmail: r.actor_email, actorRole: r.actor_role, action: r.action, target: r.target, outcome: r.outcome, detail: r.detail });
type AlertRow = { id: number; batch_id: string; kind: string; message: string; opened_at: string; resolved_at: string | null; acked_by: string | null; acked_at: string | null; figure: number | null };
const toAlert = (r: AlertRow): Alert => ({ id: r.id, batchId: r.batch_id, kind: r.kind, message: r.message, openedAt: r.opened_at, resolvedAt: r.resolved_at, ackedBy: r.acked_by, ackedAt: r.acked_at, figure: r.figure === null || r.figure === undefined ? null : Number(r.figure) });

/** Opens the Postgres store (the schema must be migrated: see migrate.ts). */
export function openPostgresStore(connectionString: string): Store {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (Postgres restarted) must not crash the process; the
  // pool replaces it and the next query reports the outage as an error.
  pool.on("error", (err) => console.error("Postgres connection lost:", err.message));
  const rows = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<R>(text, values)).rows;
  const one = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<R>(text, values)).rows[0];
  const count = async (text: string, values: unknown[] = []) => (await pool.query(text, values)).rowCount ?? 0;
  const inTransaction = async <T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const out = await work(client);
      await client.query("COMMIT");
      return out;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  const otherAdmins = async (c: pg.PoolClient, id: number) => Number((await c.query<{ n: string }>("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND id <> $1", [id])).rows[0]!.n);
  const events = notifyEvents(connectionString, pool);

  return {
    users: {
      async create({ email, role, passwordHash }) {
        const r = await one<UserRow>("INSERT INTO users (email, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING *", [email, role, passwordHash, new Date().toISOString()]);
        return toUser(r!);
      },
      findByEmail: async (email) => {
        const r = await one<UserRow>("SELECT * FROM users WHERE lower(email) = lower($1)", [email]);
        return r && toUser(r);
      },
      findById: async (id) => {
        const r = await one<UserRow>("SELECT * FROM users WHERE id = $1", [id]);
        return r && toUser(r);
      },
      list: async () => (await rows<UserRow>("SELECT * FROM users ORDER BY lower(email)")).map(toUser),
      // A removed user's sessions and API tokens go with it, in one transaction.
      remove: (email, opts) =>
        inTransaction(async (c) => {
          if (opts?.keepAnAdmin) await c.query("SELECT pg_advisory_xact_lock(hashtext('users:admins'))");
          const user = (await c.query<UserRow>("SELECT * FROM users WHERE lower(email) = lower($1) FOR UPDATE", [email])).rows[0];
          if (!user) return false;
          if (opts?.keepAnAdmin && user.role === "admin" && (await otherAdmins(c, user.id)) === 0) throw new LastAdminError(email);
          await c.query("DELETE FROM sessions WHERE user_id = $1", [user.id]);
          await c.query("DELETE FROM api_tokens WHERE user_id = $1", [user.id]);
          return ((await c.query("DELETE FROM users WHERE id = $1", [user.id])).rowCount ?? 0) > 0;
        }),
      setPassword: async (email, hash) => (await count("UPDATE users SET password_hash = $1 WHERE lower(email) = lower($2)", [hash, email])) > 0,
      // One lock for every change that could remove an admin: two admins demoting each other at once are serialised.
      setRole: (email, role, opts) =>
        inTransaction(async (c) => {
          if (opts?.keepAnAdmin) await c.query("SELECT pg_advisory_xact_lock(hashtext('users:admins'))");
          const user = (await c.query<UserRow>("SELECT * FROM users WHERE lower(email) = lower($1) FOR UPDATE", [email])).rows[0];
          if (!user) return false;
          if (opts?.keepAnAdmin && user.role === "admin" && role !== "admin" && (await otherAdmins(c, user.id)) === 0) throw new LastAdminError(email);
          return ((await c.query("UPDATE users SET role = $1 WHERE id = $2", [role, user.id])).rowCount ?? 0) > 0;
        }),
    },
    sessions: {
      async create(s) {
        await pool.query("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, user_agent, address) VALUES ($1, $2, $3, $4, $5, $6)", [s.idHash, s.userId, s.createdAt, s.lastSeenAt, s.userAgent, s.address]);
      },
      find: async (idHash) => {
        const r = await one<SessionRow>("SELECT * FROM sessions WHERE id_hash = $1", [idHash]);
        return r && toSession(r);
      },
      async touch(idHash, lastSeenAt) {
        await pool.query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", [lastSeenAt, idHash]);
      },
      async remove(idHash) {
        await pool.query("DELETE FROM sessions WHERE id_hash = $1", [idHash]);
      },
      removeForUser: (userId) => count("DELETE FROM sessions WHERE user_id = $1", [userId]),
      async prune({ idleBefore, createdBefore }) {
        await pool.query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2", [idleBefore, createdBefore]);
      },
    },
    tokens: {
      async create(t) {
        await pool.query("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
          t.id,
          t.userId,
          t.name,
          t.tokenHash,
          t.createdAt,
          t.expiresAt,
          t.lastUsedAt,
        ]);
      },
      findByHash: async (hash) => {
        const r = await one<TokenRow>("SELECT * FROM api_tokens WHERE token_hash = $1", [hash]);
        return r && toToken(r);
      },
      list: async () =>
        (await rows<TokenRow & { email: string }>("SELECT api_tokens.*, users.email FROM api_tokens JOIN users ON users.id = api_tokens.user_id ORDER BY created_at DESC")).map((r) => ({
          ...toToken(r),
          email: r.email,
        })),
      async touch(id, at) {
        await pool.query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", [at, id]);
      },
      remove: async (id) => (await count("DELETE FROM api_tokens WHERE id = $1", [id])) > 0,
    },
    loginAttempts: {
      async addFailure(key, at) {
        await pool.query("INSERT INTO login_failures (key, at) VALUES ($1, $2)", [key, at]);
      },
      failuresSince: async (key, since) => (await rows<{ at: string }>("SELECT at FROM login_failures WHERE key = $1 AND at >= $2 ORDER BY at", [key, since])).map((r) => r.at),
      async clear(key) {
        await pool.query("DELETE FROM login_failures WHERE key = $1", [key]);
      },
      async prune(before) {
        await pool.query("DELETE FROM login_failures WHERE at < $1", [before]);
      },
      // One transaction holding an advisory lock per key (taken in key order: no deadlock), so
      // concurrent claims on any instance are counted one after another.
      claim: (keys, at, since, allowed) =>
        inTransaction(async (c) => {
          for (const key of [...keys].sort()) await c.query("SELECT pg_advisory_xact_lock(hashtext('login:' || $1))", [key]);
          const failures: string[][] = [];
          for (const key of keys) failures.push((await c.query<{ at: string }>("SELECT at FROM login_failures WHERE key = $1 AND at >= $2 ORDER BY at", [key, since])).rows.map((r) => r.at));
          if (!allowed(failures)) return false;
          for (const key of keys) await c.query("INSERT INTO login_failures (key, at) VALUES ($1, $2)", [key, at]);
          return true;
        }),
      async release(key, at) {
        await pool.query("DELETE FROM login_failures WHERE ctid = (SELECT ctid FROM login_failures WHERE key = $1 AND at = $2 LIMIT 1)", [key, at]);
      },
      async clearPrefix(prefix) {
        await pool.query("DELETE FROM login_failures WHERE substr(key, 1, $1) = $2", [prefix.length, prefix]);
      },
    },
    snapshots: {
      async add(s) {
        await pool.query(
          `INSERT INTO progress_snapshots (batch_id, at, total, finished, status_counts, outcomes) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (batch_id, at) DO UPDATE SET total = EXCLUDED.total, finished = EXCLUDED.finished, status_counts = EXCLUDED.status_counts, outcomes = EXCLUDED.outcomes`,
          [s.batchId, s.at, s.total, s.finished, JSON.stringify(s.statusCounts), JSON.stringify(s.outcomes)],
        );
      },
      // Timestamps are ISO strings: the first 16 characters name the minute, the first 13 the hour.
      prune: (now) =>
        inTransaction(async (c) => {
          const t = Date.parse(now);
          const week = new Date(t - 7 * 86_400_000).toISOString();
          const quarter = new Date(t - 90 * 86_400_000).toISOString();
          const thin = async (bucket: number, from: string, to: string) =>
            (
              await c.query(
                `DELETE FROM progress_snapshots s USING (
                   SELECT batch_id, at, ROW_NUMBER() OVER (PARTITION BY batch_id, substr(at, 1, ${bucket}) ORDER BY at) AS n
                   FROM progress_snapshots WHERE at >= $1 AND at < $2
                 ) d WHERE d.n > 1 AND s.batch_id = d.batch_id AND s.at = d.at`,
                [from, to],
              )
            ).rowCount ?? 0;
          const old = (await c.query("DELETE FROM progress_snapshots WHERE at < $1", [quarter])).rowCount ?? 0;
          return old + (await thin(13, quarter, week)) + (await thin(16, week, "9999"));
        }),
      list: async (batchId, opts = {}) =>
        (
          await rows<SnapshotRow>("SELECT * FROM (SELECT * FROM progress_snapshots WHERE batch_id = $1 AND at >= $2 ORDER BY at DESC LIMIT $3) s ORDER BY at ASC", [
            batchId,
            opts.since ?? "",
            opts.limit ?? 500,
          ])
        ).map(toSnapshot),
      asOf: async (batchId, at) => {
        const r =
          (await one<SnapshotRow>("SELECT * FROM progress_snapshots WHERE batch_id = $1 AND at < $2 ORDER BY at DESC LIMIT 1", [batchId, at])) ??
          (await one<SnapshotRow>("SELECT * FROM progress_snapshots WHERE batch_id = $1 AND at >= $2 ORDER BY at ASC LIMIT 1", [batchId, at]));
        return r ? toSnapshot(r) : null;
      },
    },
    audit: {
      async add(entry) {
        const r = await one<{ id: number }>(
          "INSERT INTO audit_log (at, actor_email, actor_role, action, target, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          [entry.at, entry.actorEmail, entry.actorRole, entry.action, entry.target, entry.outcome, JSON.stringify(entry.detail)],
        );
        return { ...entry, id: r!.id };
      },
      list: async ({ limit = 100, offset = 0, ...filter } = {}) => {
        const { where, params } = auditWhere(filter, (n) => `$${n}`);
        const n = params.length;
        return (await rows<AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, limit, offset])).map(toAuditEntry);
      },
      count: async (filter = {}) => {
        const { where, params } = auditWhere(filter, (n) => `$${n}`);
        return Number((await one<{ n: string }>(`SELECT COUNT(*) AS n FROM audit_log ${where}`, params))!.n);
      },
      latestFor: async (target) => {
        const r = await one<AuditRow>("SELECT * FROM audit_log WHERE target = $1 AND outcome = 'ok' ORDER BY id DESC LIMIT 1", [target]);
        return r && toAuditEntry(r);
      },
      // One conditional UPDATE: of two settlers of one intent, only one finds it pending.
      complete: async (id, outcome, detail) =>
        (await count("UPDATE audit_log SET outcome = $1, detail = detail || $2::jsonb WHERE id = $3 AND outcome = 'pending'", [outcome, JSON.stringify(detail), id])) === 1,
      pendingBefore: async (before) => (await rows<AuditRow>("SELECT * FROM audit_log WHERE outcome = 'pending' AND at < $1 ORDER BY id ASC", [before])).map(toAuditEntry),
    },
    alerts: {
      open: async ({ batchId, kind, message, at, figure = null, acked }) => {
        const r = await one<AlertRow>(
          "INSERT INTO alerts (batch_id, kind, message, opened_at, figure, acked_by, acked_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING *",
          [batchId, kind, message, at, figure, acked?.by ?? null, acked?.at ?? null],
        );
        return r ? toAlert(r) : null;
      },
      resolve: async (batchId, kind, at) => {
        const r = await one<AlertRow>("UPDATE alerts SET resolved_at = $1 WHERE batch_id = $2 AND kind = $3 AND resolved_at IS NULL RETURNING *", [at, batchId, kind]);
        return r ? toAlert(r) : null;
      },
      list: async ({ state, batchId, limit = 200 }) => {
        const where = [state === "open" ? "resolved_at IS NULL" : state === "resolved" ? "resolved_at IS NOT NULL" : "TRUE", batchId ? "batch_id = $2" : "TRUE"].join(" AND ");
        return (await rows<AlertRow>(`SELECT * FROM alerts WHERE ${where} ORDER BY id DESC LIMIT $1`, batchId ? [limit, batchId] : [limit])).map(toAlert);
      },
      ack: async (id, by, at) => {
        await pool.query("UPDATE alerts SET acked_by = $1, acked_at = $2 WHERE id = $3 AND acked_at IS NULL", [by, at, id]);
        const r = await one<AlertRow>("SELECT * FROM alerts WHERE id = $1", [id]);
        return r && toAlert(r);
      },
    },
    campaignVersions: {
      async remember(campaigns: Campaign[]) {
        const keep = campaigns.filter((c) => c.updated_at);
        if (!keep.length) return;
        await inTransaction(async (c) => {
          for (const camp of keep) {
            await c.query("INSERT INTO campaign_versions (campaign_id, updated_at, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [camp.id, camp.updated_at, JSON.stringify(camp)]);
          }
          await c.query("DELETE FROM campaign_versions WHERE seq <= (SELECT MAX(seq) FROM campaign_versions) - $1", [MAX_CAMPAIGN_VERSIONS]);
        });
      },
      at: async (id, updatedAt) => (await one<{ body: Campaign }>("SELECT body FROM campaign_versions WHERE campaign_id = $1 AND updated_at = $2", [id, updatedAt]))?.body,
    },
    events,
    leases: {
      // Takes a free or expired lease, or renews one's own; the row lock makes it one winner.
      acquire: async (key, holder, ttlMs) => {
        const now = Date.now();
        return (
          (await count(
            `INSERT INTO leases (key, holder, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= $4`,
            [key, holder, now + ttlMs, now],
          )) > 0
        );
      },
      async release(key, holder) {
        await pool.query("DELETE FROM leases WHERE key = $1 AND holder = $2", [key, holder]);
      },
      holder: async (key) => (await one<{ holder: string }>("SELECT holder FROM leases WHERE key = $1 AND expires_at > $2", [key, Date.now()]))?.holder ?? null,
    },
    liveStates: {
      async put(key, body, fetchedAt) {
        await pool.query(
          "INSERT INTO live_states (key, body, fetched_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body, fetched_at = EXCLUDED.fetched_at WHERE live_states.fetched_at <= EXCLUDED.fetched_at",
          [key, JSON.stringify(body), fetchedAt],
        );
      },
      get: async (key) => {
        const r = await one<{ body: unknown; fetched_at: number }>("SELECT body, fetched_at FROM live_states WHERE key = $1", [key]);
        return r ? { body: r.body, fetchedAt: r.fetched_at } : null;
      },
    },
    close: async () => {
      await events.close();
      await pool.end();
    },
  };
}

/**
 * The event bus across instances: publish is NOTIFY (delivered to every listening instance,
 * this one included, in commit order); one dedicated connection LISTENs and re-connects after a
 * loss (events sent meanwhile are missed: subscribers treat the bus as a nudge, not a log).
 */
function notifyEvents(connectionString: string, pool: pg.Pool): Store["events"] & { close(): Promise<void> } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const origin = crypto.randomUUID();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const listen = async () => {
    if (closed || client) return;
    const c = new pg.Client({ connectionString });
    c.on("notification", (msg) => {
      if (msg.channel !== NOTIFY_CHANNEL || !msg.payload) return;
      try {
        const { channel, payload } = JSON.parse(msg.payload) as { channel: string; payload: unknown; origin: string };
        emitter.emit(channel, payload);
      } catch {
        // not ours
      }
    });
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void listen(), 1_000);
    };
    c.on("error", lost);
    c.on("end", lost);
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
      client = c;
    } catch {
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void listen(), 1_000);
    }
  };
  const started = listen();
  return {
    async publish(channel, payload) {
      const message = JSON.stringify({ channel, payload, origin });
      if (Buffer.byteLength(message) > MAX_NOTIFY_BYTES) throw new Error(`An event on ${channel} is too large to send between instances (${Buffer.byteLength(message)} bytes).`);
      await started;
      await pool.query("SELECT pg_notify($1, $2)", [NOTIFY_CHANNEL, message]);
    },
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}

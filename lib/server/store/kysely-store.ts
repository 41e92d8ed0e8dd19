import "server-only";
// The console's store, every query written once in Kysely over either dialect (db/dialects.ts
// says what differs: JSON columns, write locks, row ids, one sequence). The contract tests
// (store-contract.test.ts) run it against a SQLite file and a real Postgres.
import { sql, type Selectable } from "kysely";
import type { Role } from "@/lib/schemas/roles";
import type { Campaign } from "@/lib/schemas/syllable";
import { auditWhere } from "./db/audit-filter";
import type { StoreDialect } from "./db/dialects";
import type { Database } from "./db/schema";
import { resultRepo } from "./result-repo";
import { suppressionRepo } from "./suppression-repo";
import { scheduleRepo, settingsRepo } from "./schedule-repo";
import { reportRepo } from "./report-repo";
import {
  LastAdminError,
  type Alert,
  type ApiToken,
  type AuditActorRole,
  type AuditEntry,
  type AuditOutcome,
  type ProgressSnapshot,
  type Session,
  type Store,
  type User,
} from "./types";

/** Campaign versions kept for naming the fields of a 409; the oldest go first. */
const MAX_CAMPAIGN_VERSIONS = 2000;
/** The lock every write that could remove an admin takes: two admins demoting each other are serialised. */
const ADMINS_LOCK = "users:admins";

type Row<T extends keyof Database> = Selectable<Database[T]>;

const toUser = (r: Row<"users">): User => ({ id: r.id, email: r.email, role: r.role as Role, passwordHash: r.password_hash, createdAt: r.created_at });
const toSession = (r: Row<"sessions">): Session => ({
  idHash: r.id_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  userAgent: r.user_agent,
  address: r.address,
});
const toToken = (r: Row<"api_tokens">): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  role: r.role === "supervisor" || r.role === "manager" || r.role === "admin" ? r.role : null,
  createdBy: r.created_by,
});
const toAlert = (r: Row<"alerts">): Alert => ({
  id: r.id,
  batchId: r.batch_id,
  kind: r.kind,
  message: r.message,
  openedAt: r.opened_at,
  resolvedAt: r.resolved_at,
  ackedBy: r.acked_by,
  ackedAt: r.acked_at,
  figure: r.figure === null || r.figure === undefined ? null : Number(r.figure),
});
const affected = (n: bigint | undefined) => Number(n ?? 0);

export function openKyselyStore(dialect: StoreDialect): Store {
  const { db, readJson, writeTransaction } = dialect;
  const tokensWithEmail = () => db.selectFrom("api_tokens").innerJoin("users", "users.id", "api_tokens.user_id").selectAll("api_tokens").select("users.email");
  const toSnapshot = (r: Row<"progress_snapshots">): ProgressSnapshot => ({
    batchId: r.batch_id,
    at: r.at,
    total: r.total,
    finished: r.finished,
    statusCounts: readJson<Record<string, number>>(r.status_counts),
    outcomes: readJson<Record<string, number>>(r.outcomes),
  });
  const toAuditEntry = (r: Row<"audit_log">): AuditEntry => ({
    id: r.id,
    at: r.at,
    actorEmail: r.actor_email,
    actorRole: r.actor_role as AuditActorRole,
    action: r.action,
    target: r.target,
    outcome: r.outcome as AuditOutcome,
    detail: readJson<Record<string, unknown>>(r.detail),
  });
  const byEmail = (email: string) => sql<boolean>`lower(email) = lower(${email})`;

  return {
    users: {
      async create({ email, role, passwordHash }) {
        const r = await db
          .insertInto("users")
          .values({ email, role, password_hash: passwordHash, created_at: new Date().toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUser(r);
      },
      findByEmail: async (email) => {
        const r = await db.selectFrom("users").selectAll().where(byEmail(email)).executeTakeFirst();
        return r && toUser(r);
      },
      findById: async (id) => {
        const r = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
        return r && toUser(r);
      },
      list: async () =>
        (
          await db
            .selectFrom("users")
            .selectAll()
            .orderBy(sql`lower(email)`)
            .execute()
        ).map(toUser),
      // The check that another admin remains and the write are one transaction. A removed user's
      // sessions and API tokens go with it.
      remove: (email, opts) =>
        writeTransaction([ADMINS_LOCK], async (trx) => {
          const user = await trx.selectFrom("users").selectAll().where(byEmail(email)).executeTakeFirst();
          if (!user) return false;
          if (opts?.keepAnAdmin && user.role === "admin" && (await otherAdmins(trx, user.id)) === 0) throw new LastAdminError(email);
          await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
          await trx.deleteFrom("api_tokens").where("user_id", "=", user.id).execute();
          return affected((await trx.deleteFrom("users").where("id", "=", user.id).executeTakeFirst()).numDeletedRows) > 0;
        }),
      setPassword: async (email, hash) =>
        affected((await db.updateTable("users").set({ password_hash: hash }).where(byEmail(email)).executeTakeFirst()).numUpdatedRows) > 0,
      setRole: (email, role, opts) =>
        writeTransaction([ADMINS_LOCK], async (trx) => {
          const user = await trx.selectFrom("users").selectAll().where(byEmail(email)).executeTakeFirst();
          if (!user) return false;
          if (opts?.keepAnAdmin && user.role === "admin" && role !== "admin" && (await otherAdmins(trx, user.id)) === 0) throw new LastAdminError(email);
          return affected((await trx.updateTable("users").set({ role }).where("id", "=", user.id).executeTakeFirst()).numUpdatedRows) > 0;
        }),
    },
    sessions: {
      async create(s) {
        await db
          .insertInto("sessions")
          .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, last_seen_at: s.lastSeenAt, user_agent: s.userAgent, address: s.address })
          .execute();
      },
      find: async (idHash) => {
        const r = await db.selectFrom("sessions").selectAll().where("id_hash", "=", idHash).executeTakeFirst();
        return r && toSession(r);
      },
      async touch(idHash, lastSeenAt) {
        await db.updateTable("sessions").set({ last_seen_at: lastSeenAt }).where("id_hash", "=", idHash).execute();
      },
      async remove(idHash) {
        await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
      },
      removeForUser: async (userId) => affected((await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst()).numDeletedRows),
      async prune({ idleBefore, createdBefore }) {
        await db
          .deleteFrom("sessions")
          .where((eb) => eb.or([eb("last_seen_at", "<", idleBefore), eb("created_at", "<", createdBefore)]))
          .execute();
      },
    },
    tokens: {
      async create(t) {
        await db
          .insertInto("api_tokens")
          .values({
            id: t.id,
            user_id: t.userId,
            name: t.name,
            token_hash: t.tokenHash,
            created_at: t.createdAt,
            expires_at: t.expiresAt,
            last_used_at: t.lastUsedAt,
            role: t.role,
            created_by: t.createdBy,
          })
          .execute();
      },
      findByHash: async (hash) => {
        const r = await db.selectFrom("api_tokens").selectAll().where("token_hash", "=", hash).executeTakeFirst();
        return r && toToken(r);
      },
      list: async () => (await tokensWithEmail().orderBy("api_tokens.created_at", "desc").execute()).map((r) => ({ ...toToken(r), email: r.email })),
      get: async (id) => {
        const r = await tokensWithEmail().where("api_tokens.id", "=", id).executeTakeFirst();
        return r && { ...toToken(r), email: r.email };
      },
      async touch(id, at) {
        await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
      },
      remove: async (id) => affected((await db.deleteFrom("api_tokens").where("id", "=", id).executeTakeFirst()).numDeletedRows) > 0,
    },
    loginAttempts: {
      async addFailure(key, at) {
        await db.insertInto("login_failures").values({ key, at }).execute();
      },
      failuresSince: (key, since) => failuresSince(db, key, since),
      async clear(key) {
        await db.deleteFrom("login_failures").where("key", "=", key).execute();
      },
      async prune(before) {
        await db.deleteFrom("login_failures").where("at", "<", before).execute();
      },
      // Concurrent claims on any instance are counted one after another (see writeTransaction).
      claim: (keys, at, since, allowed) =>
        writeTransaction(
          keys.map((key) => `login:${key}`),
          async (trx) => {
            const failures: string[][] = [];
            for (const key of keys) failures.push(await failuresSince(trx, key, since));
            if (!allowed(failures)) return false;
            for (const key of keys) await trx.insertInto("login_failures").values({ key, at }).execute();
            return true;
          },
        ),
      async release(key, at) {
        const id = sql.raw(dialect.rowId);
        await sql`DELETE FROM login_failures WHERE ${id} = (SELECT ${id} FROM login_failures WHERE key = ${key} AND at = ${at} LIMIT 1)`.execute(db);
      },
      async clearPrefix(prefix) {
        await db
          .deleteFrom("login_failures")
          .where(sql`substr(key, 1, ${prefix.length})`, "=", prefix)
          .execute();
      },
    },
    snapshots: {
      async add(s) {
        await db
          .insertInto("progress_snapshots")
          .values({
            batch_id: s.batchId,
            at: s.at,
            total: s.total,
            finished: s.finished,
            status_counts: JSON.stringify(s.statusCounts),
            outcomes: JSON.stringify(s.outcomes),
          })
          .onConflict((oc) =>
            oc.columns(["batch_id", "at"]).doUpdateSet((eb) => ({
              total: eb.ref("excluded.total"),
              finished: eb.ref("excluded.finished"),
              status_counts: eb.ref("excluded.status_counts"),
              outcomes: eb.ref("excluded.outcomes"),
            })),
          )
          .execute();
      },
      // Timestamps are ISO strings: the first 16 characters name the minute, the first 13 the hour.
      prune: (now) =>
        writeTransaction([], async (trx) => {
          const t = Date.parse(now);
          const week = new Date(t - 7 * 86_400_000).toISOString();
          const quarter = new Date(t - 90 * 86_400_000).toISOString();
          const thin = async (bucket: number, from: string, to: string) =>
            affected(
              (
                await sql`DELETE FROM progress_snapshots WHERE (batch_id, at) IN (
                  SELECT batch_id, at FROM (
                    SELECT batch_id, at, ROW_NUMBER() OVER (PARTITION BY batch_id, substr(at, 1, ${sql.lit(bucket)}) ORDER BY at) AS n
                    FROM progress_snapshots WHERE at >= ${from} AND at < ${to}
                  ) d WHERE d.n > 1)`.execute(trx)
              ).numAffectedRows,
            );
          const old = affected((await trx.deleteFrom("progress_snapshots").where("at", "<", quarter).executeTakeFirst()).numDeletedRows);
          return old + (await thin(13, quarter, week)) + (await thin(16, week, "9999"));
        }),
      list: async (batchId, opts = {}) => {
        const newest = db
          .selectFrom("progress_snapshots")
          .selectAll()
          .where("batch_id", "=", batchId)
          .where("at", ">=", opts.since ?? "")
          .orderBy("at", "desc")
          .limit(opts.limit ?? 500)
          .as("s");
        return (await db.selectFrom(newest).selectAll().orderBy("at", "asc").execute()).map(toSnapshot);
      },
      asOf: async (batchId, at) => {
        const of = db.selectFrom("progress_snapshots").selectAll().where("batch_id", "=", batchId).limit(1);
        const r =
          (await of.where("at", "<", at).orderBy("at", "desc").executeTakeFirst()) ?? (await of.where("at", ">=", at).orderBy("at", "asc").executeTakeFirst());
        return r ? toSnapshot(r) : null;
      },
    },
    audit: {
      async add(entry) {
        const r = await db
          .insertInto("audit_log")
          .values({
            at: entry.at,
            actor_email: entry.actorEmail,
            actor_role: entry.actorRole,
            action: entry.action,
            target: entry.target,
            outcome: entry.outcome,
            detail: JSON.stringify(entry.detail),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { ...entry, id: r.id };
      },
      list: async ({ limit = 100, offset = 0, ...filter } = {}) =>
        (await db.selectFrom("audit_log").selectAll().where(auditWhere(filter)).orderBy("id", "desc").limit(limit).offset(offset).execute()).map(toAuditEntry),
      count: async (filter = {}) =>
        Number(
          (
            await db
              .selectFrom("audit_log")
              .select((eb) => eb.fn.countAll().as("n"))
              .where(auditWhere(filter))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      latestFor: async (target) => {
        const r = await db
          .selectFrom("audit_log")
          .selectAll()
          .where("target", "=", target)
          .where("outcome", "=", "ok")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst();
        return r && toAuditEntry(r);
      },
      // The update is conditional on the intent still pending: of two settlers, one wins.
      complete: async (id, outcome, detail) => {
        const r = await db.selectFrom("audit_log").select(["outcome", "detail"]).where("id", "=", id).executeTakeFirst();
        if (!r || r.outcome !== "pending") return false;
        const merged = { ...readJson<Record<string, unknown>>(r.detail), ...detail };
        const done = await db
          .updateTable("audit_log")
          .set({ outcome, detail: JSON.stringify(merged) })
          .where("id", "=", id)
          .where("outcome", "=", "pending")
          .executeTakeFirst();
        return affected(done.numUpdatedRows) === 1;
      },
      pendingBefore: async (before) =>
        (await db.selectFrom("audit_log").selectAll().where("outcome", "=", "pending").where("at", "<", before).orderBy("id", "asc").execute()).map(
          toAuditEntry,
        ),
    },
    alerts: {
      // At most one open alert per batch and kind (a partial unique index): a second is ignored.
      open: async ({ batchId, kind, message, at, figure = null, acked }) => {
        const r = await db
          .insertInto("alerts")
          .values({ batch_id: batchId, kind, message, opened_at: at, figure, acked_by: acked?.by ?? null, acked_at: acked?.at ?? null })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return r ? toAlert(r) : null;
      },
      resolve: async (batchId, kind, at) => {
        const r = await db
          .updateTable("alerts")
          .set({ resolved_at: at })
          .where("batch_id", "=", batchId)
          .where("kind", "=", kind)
          .where("resolved_at", "is", null)
          .returningAll()
          .executeTakeFirst();
        return r ? toAlert(r) : null;
      },
      list: async ({ state, batchId, limit = 200 }) => {
        let q = db.selectFrom("alerts").selectAll();
        if (state === "open") q = q.where("resolved_at", "is", null);
        if (state === "resolved") q = q.where("resolved_at", "is not", null);
        if (batchId) q = q.where("batch_id", "=", batchId);
        return (await q.orderBy("id", "desc").limit(limit).execute()).map(toAlert);
      },
      // The first acknowledgement wins.
      ack: async (id, by, at) => {
        await db.updateTable("alerts").set({ acked_by: by, acked_at: at }).where("id", "=", id).where("acked_at", "is", null).execute();
        const r = await db.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
        return r && toAlert(r);
      },
    },
    campaignVersions: {
      async remember(campaigns: Campaign[]) {
        const keep = campaigns.filter((c) => c.updated_at);
        if (!keep.length) return;
        await writeTransaction([], async (trx) => {
          for (const c of keep) {
            await trx
              .insertInto("campaign_versions")
              .values({ campaign_id: c.id, updated_at: c.updated_at!, body: JSON.stringify(c), seq: dialect.nextCampaignVersionSeq() })
              .onConflict((oc) => oc.doNothing())
              .execute();
          }
          await trx
            .deleteFrom("campaign_versions")
            .where("seq", "<=", sql<number>`(SELECT MAX(seq) FROM campaign_versions) - ${MAX_CAMPAIGN_VERSIONS}`)
            .execute();
        });
      },
      at: async (id, updatedAt) => {
        const r = await db.selectFrom("campaign_versions").select("body").where("campaign_id", "=", id).where("updated_at", "=", updatedAt).executeTakeFirst();
        return r ? readJson<Campaign>(r.body) : undefined;
      },
    },
    events: dialect.events,
    leases: {
      // Takes a free or expired lease, or renews one's own; one statement, so one winner.
      acquire: async (key, holder, ttlMs) => {
        const now = Date.now();
        const r = await db
          .insertInto("leases")
          .values({ key, holder, expires_at: now + ttlMs })
          .onConflict((oc) =>
            oc
              .column("key")
              .doUpdateSet((eb) => ({ holder: eb.ref("excluded.holder"), expires_at: eb.ref("excluded.expires_at") }))
              .where((eb) => eb.or([eb("leases.holder", "=", eb.ref("excluded.holder")), eb("leases.expires_at", "<=", now)])),
          )
          .executeTakeFirst();
        return affected(r.numInsertedOrUpdatedRows) > 0;
      },
      async release(key, holder) {
        await db.deleteFrom("leases").where("key", "=", key).where("holder", "=", holder).execute();
      },
      holder: async (key) =>
        (await db.selectFrom("leases").select("holder").where("key", "=", key).where("expires_at", ">", Date.now()).executeTakeFirst())?.holder ?? null,
    },
    liveStates: {
      // Unless a newer state is kept already.
      async put(key, body, fetchedAt) {
        await db
          .insertInto("live_states")
          .values({ key, body: JSON.stringify(body), fetched_at: fetchedAt })
          .onConflict((oc) =>
            oc
              .column("key")
              .doUpdateSet((eb) => ({ body: eb.ref("excluded.body"), fetched_at: eb.ref("excluded.fetched_at") }))
              .where((eb) => eb("live_states.fetched_at", "<=", eb.ref("excluded.fetched_at"))),
          )
          .execute();
      },
      get: async (key) => {
        const r = await db.selectFrom("live_states").select(["body", "fetched_at"]).where("key", "=", key).executeTakeFirst();
        return r ? { body: readJson<unknown>(r.body), fetchedAt: Number(r.fetched_at) } : null;
      },
    },
    results: resultRepo(dialect),
    suppression: suppressionRepo(dialect),
    schedules: scheduleRepo(dialect),
    settings: settingsRepo(dialect),
    reports: reportRepo(dialect),
    close: () => dialect.close(),
  };
}

type Db = StoreDialect["db"];

async function otherAdmins(db: Db, id: number): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("role", "=", "admin")
    .where("id", "<>", id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function failuresSince(db: Db, key: string, since: string): Promise<string[]> {
  return (await db.selectFrom("login_failures").select("at").where("key", "=", key).where("at", ">=", since).orderBy("at").execute()).map((r) => r.at);
}

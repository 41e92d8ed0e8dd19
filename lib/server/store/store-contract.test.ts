// The Store contract, run against both implementations: the SQLite file (the default) and a real
// Postgres (a throwaway cluster from Debian's postgresql binaries, see tests/support/postgres.ts).
// Both are opened the way the console opens them, through openStore (migrations included).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPostgres, type PostgresCluster } from "@/tests/support/postgres";
import { openStore } from "./index";
import { isLastAdminError, type ResultRowQuery, type Session, type Store } from "./types";
import type { RequestResult } from "@/lib/schemas/syllable";
import { MISSING_TEXT, naturalKey, storedFilter, toStoredRow } from "@/lib/server/results/stored-row";
import { filterResults } from "@/lib/domain/results";

let store: Store;
let cluster: PostgresCluster | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-"));
afterAll(() => {
  cluster?.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BACKENDS: Array<{ name: string; open: () => Promise<Store> }> = [
  { name: "SQLite", open: () => openStore({ dataDir: path.join(dir, "sqlite") }) },
  {
    name: "Postgres",
    open: async () => {
      cluster = await startPostgres();
      return openStore({ databaseUrl: cluster.createDatabase("contract"), dataDir: path.join(dir, "unused") });
    },
  },
];

const session = (idHash: string, userId: number, at = "2026-01-01T00:00:00.000Z"): Session => ({
  idHash,
  userId,
  createdAt: at,
  lastSeenAt: at,
  userAgent: "test",
  address: "127.0.0.1",
});

describe.each(BACKENDS)("the $name store", ({ open }) => {
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  describe("sessions", () => {
    it("finds, touches, removes one, and ends every session of a user", async () => {
      const ann = await store.users.create({ email: "ann@x.io", role: "manager", passwordHash: "h" });
      const bob = await store.users.create({ email: "bob@x.io", role: "supervisor", passwordHash: "h" });
      await store.sessions.create(session("a1", ann.id));
      await store.sessions.create(session("a2", ann.id));
      await store.sessions.create(session("b1", bob.id));
      await store.sessions.touch("a1", "2026-01-01T01:00:00.000Z");
      expect((await store.sessions.find("a1"))?.lastSeenAt).toBe("2026-01-01T01:00:00.000Z");
      await store.sessions.remove("a1");
      expect(await store.sessions.find("a1")).toBeUndefined();
      expect(await store.sessions.removeForUser(ann.id)).toBe(1);
      expect(await store.sessions.find("a2")).toBeUndefined();
      expect(await store.sessions.find("b1")).toBeDefined();
      // Removing a user takes their sessions along.
      expect(await store.users.remove("bob@x.io")).toBe(true);
      expect(await store.sessions.find("b1")).toBeUndefined();
    });

    it("prunes sessions idle too long or too old", async () => {
      await store.sessions.create({ ...session("idle", 1, "2026-01-01T00:00:00.000Z"), lastSeenAt: "2026-01-01T00:00:00.000Z" });
      await store.sessions.create({ ...session("old", 1, "2025-01-01T00:00:00.000Z"), lastSeenAt: "2026-01-02T11:00:00.000Z" });
      await store.sessions.create({ ...session("fresh", 1, "2026-01-02T00:00:00.000Z"), lastSeenAt: "2026-01-02T11:00:00.000Z" });
      await store.sessions.prune({ idleBefore: "2026-01-02T03:00:00.000Z", createdBefore: "2025-12-26T00:00:00.000Z" });
      expect(await store.sessions.find("idle")).toBeUndefined();
      expect(await store.sessions.find("old")).toBeUndefined();
      expect(await store.sessions.find("fresh")).toBeDefined();
    });
  });

  describe("login attempts", () => {
    it("counts failures per key since a time, clears one key, prunes old ones", async () => {
      for (const at of ["2026-01-01T00:00:00.000Z", "2026-01-01T00:10:00.000Z", "2026-01-01T00:20:00.000Z"]) {
        await store.loginAttempts.addFailure("email:a@b.c", at);
        await store.loginAttempts.addFailure("addr:1.2.3.4", at);
      }
      expect(await store.loginAttempts.failuresSince("email:a@b.c", "2026-01-01T00:05:00.000Z")).toEqual([
        "2026-01-01T00:10:00.000Z",
        "2026-01-01T00:20:00.000Z",
      ]);
      await store.loginAttempts.clear("email:a@b.c");
      expect(await store.loginAttempts.failuresSince("email:a@b.c", "")).toEqual([]);
      await store.loginAttempts.prune("2026-01-01T00:15:00.000Z");
      expect(await store.loginAttempts.failuresSince("addr:1.2.3.4", "")).toEqual(["2026-01-01T00:20:00.000Z"]);
    });

    it("claims are atomic: 30 at once under a limit of 5 leave exactly 5, on every key; release and clearPrefix", async () => {
      const keys = ["pair:c@d.e|9.9.9.9", "email:c@d.e"];
      const since = "2026-02-01T00:00:00.000Z";
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.loginAttempts.claim(keys, `2026-02-01T00:00:${String(i).padStart(2, "0")}.000Z`, since, (f) => f[0]!.length < 5),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
      for (const key of keys) expect(await store.loginAttempts.failuresSince(key, since)).toHaveLength(5);
      const [first] = await store.loginAttempts.failuresSince(keys[1]!, since);
      await store.loginAttempts.release(keys[1]!, first!);
      expect(await store.loginAttempts.failuresSince(keys[1]!, since)).toHaveLength(4);
      await store.loginAttempts.clearPrefix("pair:c@d.e|");
      expect(await store.loginAttempts.failuresSince(keys[0]!, since)).toEqual([]);
      expect(await store.loginAttempts.failuresSince(keys[1]!, since)).toHaveLength(4);
    });
  });

  describe("campaign versions", () => {
    it("remembers each version once and finds it by id and updated_at", async () => {
      const v1 = { id: 7, campaign_name: "A", updated_at: "2026-01-01T00:00:00Z" } as never;
      const v2 = { id: 7, campaign_name: "B", updated_at: "2026-01-02T00:00:00Z" } as never;
      await store.campaignVersions.remember([v1, v2, { id: 8, campaign_name: "no time" }]);
      await store.campaignVersions.remember([{ ...(v1 as object), campaign_name: "changed?" } as never]);
      expect((await store.campaignVersions.at(7, "2026-01-01T00:00:00Z"))?.campaign_name).toBe("A");
      expect((await store.campaignVersions.at(7, "2026-01-02T00:00:00Z"))?.campaign_name).toBe("B");
      expect(await store.campaignVersions.at(7, "2026-01-03T00:00:00Z")).toBeUndefined();
    });

    it("keeps the newest 2,000 versions: the oldest go first", async () => {
      const version = (i: number) => ({ id: 9, campaign_name: `v${i}`, updated_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }) as never;
      await store.campaignVersions.remember(Array.from({ length: 2_003 }, (_, i) => version(i)));
      await store.campaignVersions.remember([version(2_003)]);
      const at = (i: number) => store.campaignVersions.at(9, (version(i) as { updated_at: string }).updated_at);
      expect(await at(0)).toBeUndefined();
      expect(await at(3)).toBeUndefined();
      expect((await at(5))?.campaign_name).toBe("v5");
      expect((await at(2_003))?.campaign_name).toBe("v2003");
    });
  });

  describe("leases", () => {
    it("one holder at a time; renewable by its holder; free again once released or expired", async () => {
      expect(await store.leases.acquire("batch:a", "i1", 60_000)).toBe(true);
      expect(await store.leases.acquire("batch:a", "i2", 60_000)).toBe(false);
      expect(await store.leases.acquire("batch:a", "i1", 60_000)).toBe(true); // renew
      await store.leases.release("batch:a", "i2"); // not the holder: no effect
      expect(await store.leases.acquire("batch:a", "i2", 60_000)).toBe(false);
      await store.leases.release("batch:a", "i1");
      expect(await store.leases.acquire("batch:a", "i2", 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 5));
      expect(await store.leases.holder("batch:a")).toBeNull(); // i2's ran out
      expect(await store.leases.acquire("batch:a", "i3", 60_000)).toBe(true);
      expect(await store.leases.holder("batch:a")).toBe("i3");
    });
  });

  describe("events", () => {
    it("delivers to every subscriber of a channel until it unsubscribes", async () => {
      const got: unknown[] = [];
      const off = store.events.subscribe("batch:x", (p) => got.push(p));
      const other: unknown[] = [];
      store.events.subscribe("batch:y", (p) => other.push(p));
      await store.events.publish("batch:x", { n: 1 });
      // Delivery may be asynchronous (Postgres NOTIFY): wait for it, then for any stray one.
      await vi.waitFor(() => expect(got).toEqual([{ n: 1 }]), { timeout: 5_000 });
      off();
      await store.events.publish("batch:x", { n: 2 });
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual([{ n: 1 }]);
      expect(other).toEqual([]);
    });
  });

  describe("snapshot retention", () => {
    it("keeps one a minute for 7 days, one an hour for 90 days, nothing older", async () => {
      const now = Date.parse("2026-11-23T12:00:00.000Z");
      const at = (msAgo: number) => new Date(now - msAgo).toISOString();
      const snap = (msAgo: number, finished: number) =>
        store.snapshots.add({ batchId: "ret", at: at(msAgo), total: 100, finished, statusCounts: { COMPLETED: finished }, outcomes: {} });
      // Today: 3 in one minute (keep 1), 1 in the next minute.
      await snap(30_000, 1);
      await snap(20_000, 2);
      await snap(10_000, 3);
      await snap(90_000, 0);
      // 10 days ago: 3 in one hour (keep 1), 1 in another hour.
      const tenDays = 10 * 86_400_000;
      await snap(tenDays, 4);
      await snap(tenDays - 60_000, 5);
      await snap(tenDays - 120_000, 6);
      await snap(tenDays + 2 * 3_600_000, 7);
      // 100 days ago: gone.
      await snap(100 * 86_400_000, 8);

      expect(await store.snapshots.prune(new Date(now).toISOString())).toBe(2 + 2 + 1);
      const kept = (await store.snapshots.list("ret", { limit: 100 })).map((s) => s.finished);
      // The first of each bucket survives, oldest first.
      expect(kept).toEqual([7, 4, 0, 1]);
      expect(await store.snapshots.prune(new Date(now).toISOString())).toBe(0);
    });
  });

  describe("a batch's counts as of a time", () => {
    it("is its last snapshot before then, or else its first one after; outcomes are kept", async () => {
      const add = (at: string, finished: number) =>
        store.snapshots.add({ batchId: "asof", at, total: 10, finished, statusCounts: { COMPLETED: finished }, outcomes: { HUMAN: finished } });
      expect(await store.snapshots.asOf("asof", "2026-11-23T00:00:00.000Z")).toBeNull();
      await add("2026-11-23T08:00:00.000Z", 3);
      await add("2026-11-23T09:00:00.000Z", 4);
      expect((await store.snapshots.asOf("asof", "2026-11-23T00:00:00.000Z"))?.finished).toBe(3);
      await add("2026-11-22T22:00:00.000Z", 1);
      await add("2026-11-22T23:59:00.000Z", 2);
      const atMidnight = await store.snapshots.asOf("asof", "2026-11-23T00:00:00.000Z");
      expect(atMidnight).toMatchObject({ finished: 2, outcomes: { HUMAN: 2 } });
    });
  });

  describe("audit intents and alerts", () => {
    it("an intent is settled once, its detail merged; pending ones are listed oldest first", async () => {
      const base = { actorEmail: "m@x.io", actorRole: "manager" as const, action: "batch.pause", target: "batch:b", outcome: "pending" as const };
      const a = await store.audit.add({ ...base, at: "2026-01-01T00:00:00.000Z", detail: { paused: true } });
      const b = await store.audit.add({ ...base, at: "2026-01-01T00:01:00.000Z", detail: {} });
      expect((await store.audit.pendingBefore("2026-01-01T00:05:00.000Z")).map((e) => e.id)).toEqual([a.id, b.id]);
      expect(await store.audit.complete(a.id, "ok", { found: "paused" })).toBe(true);
      expect(await store.audit.complete(a.id, "failed", {})).toBe(false);
      expect((await store.audit.list({ limit: 10 })).find((e) => e.id === a.id)).toMatchObject({ outcome: "ok", detail: { paused: true, found: "paused" } });
      expect((await store.audit.latestFor("batch:b"))?.id).toBe(a.id);
    });

    it("audit entries filter by actor, action (exact or prefix), target (exact or prefix, ids with _ and %), time range, and page", async () => {
      const add = (actorEmail: string, action: string, target: string, at: string) =>
        store.audit.add({ at, actorEmail, actorRole: "manager", action, target, outcome: "ok", detail: {} });
      const e1 = await add("fa@x.io", "batch.pause", "batch:f_1", "2030-02-01T00:00:00.000Z");
      const e2 = await add("fb@x.io", "batch.resume", "batch:f%1", "2030-02-02T00:00:00.000Z");
      const e3 = await add("fa@x.io", "campaign.update", "campaign:77", "2030-02-03T00:00:00.000Z");
      const e4 = await add("fa@x.io", "batch.pause", "batch:fx1", "2030-02-04T00:00:00.000Z");
      const ids = async (f: Parameters<typeof store.audit.list>[0]) => (await store.audit.list({ from: "2030-01-01T00:00:00.000Z", ...f })).map((e) => e.id);
      expect(await ids({})).toEqual([e4.id, e3.id, e2.id, e1.id]);
      expect(await ids({ actor: "fa@x.io" })).toEqual([e4.id, e3.id, e1.id]);
      expect(await ids({ action: "batch.pause" })).toEqual([e4.id, e1.id]);
      expect(await ids({ action: "batch." })).toEqual([e4.id, e2.id, e1.id]);
      expect(await ids({ action: "batch" })).toEqual([]);
      expect(await ids({ target: "batch:f_1" })).toEqual([e1.id]);
      expect(await ids({ target: "batch:f%1" })).toEqual([e2.id]);
      expect(await ids({ target: "batch:" })).toEqual([e4.id, e2.id, e1.id]);
      expect(await ids({ from: "2030-02-02T00:00:00.000Z", to: "2030-02-04T00:00:00.000Z" })).toEqual([e3.id, e2.id]);
      expect(await ids({ limit: 2, offset: 1 })).toEqual([e3.id, e2.id]);
      expect(await ids({ beforeId: e3.id })).toEqual([e2.id, e1.id]);
      expect(await store.audit.count({ from: "2030-01-01T00:00:00.000Z", actor: "fa@x.io", action: "batch." })).toBe(2);
      await store.audit.complete(
        (
          await store.audit.add({
            at: "2030-02-05T00:00:00.000Z",
            actorEmail: "fa@x.io",
            actorRole: "manager",
            action: "batch.pause",
            target: "batch:fp",
            outcome: "pending",
            detail: {},
          })
        ).id,
        "failed",
        {},
      );
      expect(await ids({ action: "batch.pause", outcome: "ok" })).toEqual([e4.id, e1.id]);
    });

    it("audit entries filter by a part of the actor's email (any case, wildcards literal) and by the targets a role may read", async () => {
      const add = (actorEmail: string, target: string) =>
        store.audit.add({ at: "2031-01-01T00:00:00.000Z", actorEmail, actorRole: "manager", action: "x.y", target, outcome: "ok", detail: {} });
      const a = await add("Ann.Lee@Ops.example", "batch:a1");
      const b = await add("bob_ops@x.io", "user:7");
      const c = await add("carl%@x.io", "campaign:3");
      const ids = async (f: Parameters<typeof store.audit.list>[0]) => (await store.audit.list({ from: "2031-01-01T00:00:00.000Z", ...f })).map((e) => e.id);
      expect(await ids({ actorContains: "ann" })).toEqual([a.id]);
      expect(await ids({ actorContains: "OPS" })).toEqual([b.id, a.id]);
      expect(await ids({ actorContains: "_" })).toEqual([b.id]); // not "any one character"
      expect(await ids({ actorContains: "%" })).toEqual([c.id]);
      expect(await ids({ targetPrefixes: ["batch:", "campaign:"] })).toEqual([c.id, a.id]);
      expect(await store.audit.count({ from: "2031-01-01T00:00:00.000Z", targetPrefixes: ["batch:", "campaign:"], actorContains: "x.io" })).toBe(1);
      expect(await ids({ targetPrefixes: [] })).toEqual([]);
    });

    it("one open alert per batch and kind; resolved, then open again; the first acknowledgement wins", async () => {
      const first = await store.alerts.open({ batchId: "b1", kind: "stalled", message: "m", at: "2026-01-01T00:00:00.000Z" });
      expect(first).toMatchObject({ batchId: "b1", kind: "stalled", resolvedAt: null });
      expect(await store.alerts.open({ batchId: "b1", kind: "stalled", message: "again", at: "2026-01-01T00:01:00.000Z" })).toBeNull();
      expect((await store.alerts.ack(first!.id, "ann@x.io", "2026-01-01T00:02:00.000Z"))?.ackedBy).toBe("ann@x.io");
      expect((await store.alerts.ack(first!.id, "bob@x.io", "2026-01-01T00:03:00.000Z"))?.ackedBy).toBe("ann@x.io");
      expect((await store.alerts.resolve("b1", "stalled", "2026-01-01T00:04:00.000Z"))?.resolvedAt).toBe("2026-01-01T00:04:00.000Z");
      expect(await store.alerts.resolve("b1", "stalled", "2026-01-01T00:05:00.000Z")).toBeNull();
      expect(await store.alerts.open({ batchId: "b1", kind: "stalled", message: "m2", at: "2026-01-01T00:06:00.000Z" })).not.toBeNull();
      expect((await store.alerts.list({ state: "open", batchId: "b1" })).map((x) => x.message)).toEqual(["m2"]);
      expect((await store.alerts.list({ state: "resolved" })).map((x) => x.message)).toEqual(["m"]);
    });

    it("shared live states: the newest kept, an older one never overwrites it", async () => {
      expect(await store.liveStates.get("b1")).toBeNull();
      await store.liveStates.put("b1", { v: 2 }, 2_000);
      await store.liveStates.put("b1", { v: 1 }, 1_000);
      expect(await store.liveStates.get("b1")).toEqual({ body: { v: 2 }, fetchedAt: 2_000 });
      await store.liveStates.put("b1", { v: 3 }, 3_000);
      expect(await store.liveStates.get("b1")).toEqual({ body: { v: 3 }, fetchedAt: 3_000 });
    });

    it("emails are case-insensitive", async () => {
      await store.users.create({ email: "Case@X.io", role: "admin", passwordHash: "h" });
      expect((await store.users.findByEmail("case@x.io"))?.email).toBe("Case@X.io");
      await expect(store.users.create({ email: "CASE@x.io", role: "admin", passwordHash: "h" })).rejects.toThrow();
    });

    it("two admins demoting each other at once leave one admin: the check and the write are one transaction", async () => {
      for (const u of await store.users.list()) if (u.role === "admin") await store.users.setRole(u.email, "manager");
      await store.users.create({ email: "one@adm.io", role: "admin", passwordHash: "h" });
      await store.users.create({ email: "two@adm.io", role: "admin", passwordHash: "h" });
      const results = await Promise.allSettled([
        store.users.setRole("one@adm.io", "manager", { keepAnAdmin: true }),
        store.users.setRole("two@adm.io", "manager", { keepAnAdmin: true }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(isLastAdminError(refused.reason)).toBe(true);
      const admins = (await store.users.list()).filter((u) => u.role === "admin");
      expect(admins).toHaveLength(1);
      await expect(store.users.remove(admins[0]!.email, { keepAnAdmin: true })).rejects.toThrow(/last admin/);
      expect((await store.users.list()).filter((u) => u.role === "admin")).toHaveLength(1);
    });
  });

  describe("batch results", () => {
    const result = (i: number, over: Partial<RequestResult> = {}): RequestResult => ({
      reference_id: `ref-${i}`,
      target: `+1555000${String(1000 + i)}`,
      request_variables: { name: i === 3 ? "Zoë 100%_off" : `name ${i}` },
      sent_at: i % 4 === 0 ? null : `2026-01-0${1 + (i % 9)}T00:00:00Z`,
      attempt_count: i % 3,
      request_status: i % 2 ? "COMPLETED" : "PENDING",
      channel_manager_status: i % 2 ? (i % 3 ? "HUMAN" : "NO-ANSWER") : null,
      insights_status: null,
      ...over,
    });
    const rowsOf = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => toStoredRow(result(from + k), from + k));
    const refs = (rows: Array<{ body: string }>) => rows.map((r) => (JSON.parse(r.body) as RequestResult).reference_id);
    const set = (batchId: string, generation: number, rowCount: number) => ({
      batchId,
      generation,
      rowCount,
      readAt: generation,
      countsKey: "[]",
      variables: ["name"],
      final: false,
    });
    const q = (over: Partial<ResultRowQuery>): ResultRowQuery => ({ batchId: "r1", generation: 100, filter: {}, sort: "seq", dir: "asc", limit: 50, ...over });

    it("shows a generation only once it is published; pages, sorts (natural, missing last), filters and searches it", async () => {
      await store.results.addRows("r1", 100, rowsOf(0, 12));
      expect(await store.results.set("r1")).toBeNull();
      expect(await store.results.publish(set("r1", 100, 12))).toBe(true);
      expect(await store.results.set("r1")).toMatchObject({ generation: 100, rowCount: 12, variables: ["name"], stale: false, failure: null });

      expect(refs(await store.results.rows(q({ offset: 10, limit: 5 })))).toEqual(["ref-10", "ref-11"]);
      // ref-2 before ref-10 (digits by value), and back again going down.
      expect(refs(await store.results.rows(q({ sort: "ref_key", limit: 3 })))).toEqual(["ref-0", "ref-1", "ref-2"]);
      expect(refs(await store.results.rows(q({ sort: "ref_key", dir: "desc", limit: 2 })))).toEqual(["ref-11", "ref-10"]);
      // Rows without sent_at (0, 4, 8) come last going up.
      expect(refs(await store.results.rows(q({ sort: "sent_at" }))).slice(-3)).toEqual(["ref-0", "ref-4", "ref-8"]);
      const completed = { status: "COMPLETED" };
      expect(await store.results.count("r1", 100, completed)).toBe(6);
      expect(await store.results.count("r1", 100, { outcomes: ["NO-ANSWER", "BUSY"] })).toBe(2);
      expect(await store.results.count("r1", 100, { referenceId: "ref-7", refKey: naturalKey("ref-7") })).toBe(1);
      // LIKE's wildcards are searched for as text; unicode is found lower-cased.
      expect(refs(await store.results.rows(q({ filter: { text: "100%_" } })))).toEqual(["ref-3"]);
      expect(await store.results.count("r1", 100, { text: "zoë" })).toBe(1);
      expect(await store.results.count("r1", 100, { text: "%" })).toBe(1);
      expect(await store.results.facets("r1", 100)).toEqual({
        status: { COMPLETED: 6, PENDING: 6 },
        outcome: { HUMAN: 4, "NO-ANSWER": 2, [MISSING_TEXT]: 6 },
      });
    });

    it("reads a selection chunk by chunk after the last row of the chunk before (the export), in both directions", async () => {
      for (const [sort, dir] of [
        ["attempts", "asc"],
        ["target_key", "desc"],
        ["seq", "desc"],
      ] as const) {
        const whole = refs(await store.results.rows(q({ sort, dir, limit: 100 })));
        const chunked: string[] = [];
        let after: ResultRowQuery["after"];
        for (;;) {
          const chunk = await store.results.rows(q({ sort, dir, limit: 5, after }));
          chunked.push(...refs(chunk));
          if (chunk.length < 5) break;
          after = { key: chunk.at(-1)!.key, seq: chunk.at(-1)!.seq };
        }
        expect(chunked, `${sort} ${dir}`).toEqual(whole);
        expect(new Set(chunked).size).toBe(12);
      }
    });

    it("a newer read replaces the rows; a failed read is discarded and the shown set says why; an older read is not shown", async () => {
      await store.results.addRows("r1", 200, rowsOf(0, 3));
      expect(await store.results.publish(set("r1", 200, 3))).toBe(true);
      expect(await store.results.count("r1", 200, {})).toBe(3);
      expect(await store.results.count("r1", 100, {})).toBe(0); // the old generation's rows are gone

      await store.results.addRows("r1", 300, rowsOf(0, 2));
      await store.results.discard("r1", 300, { at: 123, message: "Syllable stopped answering mid-response." });
      expect(await store.results.set("r1")).toMatchObject({ generation: 200, failedAt: 123, failure: "Syllable stopped answering mid-response." });
      expect(await store.results.count("r1", 300, {})).toBe(0);

      await store.results.addRows("r1", 150, rowsOf(0, 1));
      expect(await store.results.publish(set("r1", 150, 1))).toBe(false);
      expect(await store.results.count("r1", 150, {})).toBe(0);
      expect((await store.results.set("r1"))?.generation).toBe(200);

      await store.results.markStale("r1");
      expect((await store.results.set("r1"))?.stale).toBe(true);
      expect(await store.results.size()).toMatchObject({ rows: 3 });
    });

    it("forgets finished batches' results after the retention, and rows of reads that never finished", async () => {
      await store.results.addRows("done", 1_000, rowsOf(0, 2));
      await store.results.publish({ ...set("done", 1_000, 2), final: true });
      await store.results.addRows("orphan", 2_000, rowsOf(0, 2)); // an instance died mid-read
      expect(await store.results.prune(500)).toBe(0);
      expect(await store.results.count("done", 1_000, {})).toBe(2);
      expect(await store.results.prune(5_000)).toBe(1);
      expect(await store.results.set("done")).toBeNull();
      expect(await store.results.count("done", 1_000, {})).toBe(0);
      expect(await store.results.count("orphan", 2_000, {})).toBe(0);
      expect(await store.results.set("r1")).not.toBeNull(); // running batches are kept
    });

    it("filters by when a row was sent, whatever offset Syllable wrote, leaving out rows not sent yet (as the in-memory filter does)", async () => {
      const local = result(20, { sent_at: "2026-01-02T20:00:00-05:00" }); // 2026-01-03 01:00 UTC
      const all = [...Array.from({ length: 12 }, (_, i) => result(i)), local];
      await store.results.addRows("sent", 100, [...rowsOf(0, 12), toStoredRow(local, 12)]);
      await store.results.publish(set("sent", 100, 13));
      const day3 = { sent_from: "2026-01-03T00:00:00Z", sent_to: "2026-01-04T00:00:00+00:00" };
      expect(refs(await store.results.rows(q({ batchId: "sent", filter: storedFilter(day3), sort: "sent_at" })))).toEqual(["ref-2", "ref-11", "ref-20"]);
      expect(filterResults(all, day3).map((r) => r.reference_id)).toEqual(["ref-2", "ref-11", "ref-20"]);
      // From an instant on: rows 0, 4 and 8 were never sent, so none of them.
      expect(await store.results.count("sent", 100, storedFilter({ sent_from: "2026-01-08T00:00:00Z" }))).toBe(1);
      expect(filterResults(all, { sent_from: "2026-01-08T00:00:00Z" }).map((r) => r.reference_id)).toEqual(["ref-7"]);
      expect(await store.results.count("sent", 100, storedFilter({ sent_to: "2026-01-03T00:00:00Z" }))).toBe(3);
    });
  });

  describe("suppression lists", () => {
    const NOW = "2026-06-01T00:00:00.000Z";
    const entry = (number: string, expiresAt: string | null = null) => ({
      number,
      reason: "asked",
      source: "manual" as const,
      addedBy: "m@x.io",
      addedAt: NOW,
      expiresAt,
    });

    it("lists with unique names (any case), counts of numbers kept and not expired, and their campaigns", async () => {
      const id = (await store.suppression.createList({ name: "Opt-outs", description: "", appliesTo: "assigned", createdBy: "m@x.io", createdAt: NOW }))!;
      expect(await store.suppression.createList({ name: "OPT-OUTS", description: "", appliesTo: "all", createdBy: "m@x.io", createdAt: NOW })).toBeNull();
      expect(await store.suppression.upsertNumbers(id, [entry("+12125550100"), entry("+12125550101", "2026-01-01T00:00:00.000Z")], NOW)).toEqual({
        added: 2,
        updated: 0,
      });
      // The same number twice in one call: the later wins, counted as an update.
      expect(await store.suppression.upsertNumbers(id, [entry("+12125550100"), { ...entry("+12125550100"), reason: "again" }], NOW)).toEqual({
        added: 0,
        updated: 2,
      });
      await store.suppression.setCampaignLists(7, [id], NOW);
      expect(await store.suppression.list(id, NOW)).toMatchObject({ name: "Opt-outs", numbers: 2, activeNumbers: 1, campaignIds: [7] });
      expect(await store.suppression.updateList(id, { name: "opt-outs" }, NOW)).toBe(true);
      expect((await store.suppression.numbers(id, { text: "0100", limit: 10, offset: 0 })).items.map((e) => e.reason)).toEqual(["again"]);
    });

    it("a number matches only lists that apply to the campaign and have not expired; changes are counted for the sweep", async () => {
      const all = (await store.suppression.createList({ name: "Everyone", description: "", appliesTo: "all", createdBy: "m@x.io", createdAt: NOW }))!;
      const mine = (await store.suppression.createList({ name: "Campaign 9", description: "", appliesTo: "assigned", createdBy: "m@x.io", createdAt: NOW }))!;
      const before = await store.suppression.latestChange();
      await store.suppression.upsertNumbers(all, [entry("+13125550001"), entry("+13125550002", "2026-05-01T00:00:00.000Z")], NOW);
      await store.suppression.upsertNumbers(mine, [entry("+13125550003")], NOW);
      const numbers = ["+13125550001", "+13125550002", "+13125550003"];
      expect((await store.suppression.matches(numbers, 8, NOW)).map((m) => m.number)).toEqual(["+13125550001"]);
      await store.suppression.setCampaignLists(9, [mine], NOW);
      expect((await store.suppression.matches(numbers, 9, NOW)).map((m) => `${m.number} ${m.listName}`).sort()).toEqual([
        "+13125550001 Everyone",
        "+13125550003 Campaign 9",
      ]);
      expect(await store.suppression.latestChange()).toBe(before + 3);
      await store.suppression.noteSwept("b1", 5, 2);
      await store.suppression.noteSwept("b1", 6, 1);
      await store.suppression.noteUploadSuppressed("b1", 4);
      expect(await store.suppression.batch("b1")).toEqual({ sweptChange: 6, atUpload: 4, removed: 3 });
      expect(await store.suppression.deleteList(mine)).toBe(1);
      expect(await store.suppression.matches(numbers, 9, NOW)).toHaveLength(1);
    });
  });

  describe("settings", () => {
    it("keeps one body per key, replaced on write, and removes one key or the old keys under a prefix", async () => {
      await store.settings.put("policy", { a: 1 }, "admin@x.io", "2026-06-01T00:00:00.000Z");
      await store.settings.put("policy", { a: 2 }, "other@x.io", "2026-06-02T00:00:00.000Z");
      expect(await store.settings.get("policy")).toEqual({ body: { a: 2 }, updatedBy: "other@x.io", updatedAt: "2026-06-02T00:00:00.000Z" });
      await store.settings.put("pending:old", { at: 1 }, "oidc", "2026-06-01T00:00:00.000Z");
      await store.settings.put("pending:new", { at: 2 }, "oidc", "2026-06-01T00:10:00.000Z");
      await store.settings.put("pendingX", {}, "oidc", "2026-01-01T00:00:00.000Z"); // not under the prefix
      expect(await store.settings.removeOlder("pending:", "2026-06-01T00:05:00.000Z")).toBe(1);
      expect(await store.settings.get("pending:old")).toBeNull();
      expect(await store.settings.get("pending:new")).not.toBeNull();
      expect(await store.settings.get("pendingX")).not.toBeNull();
      expect(await store.settings.get("policy")).not.toBeNull();
      await expect(store.settings.removeOlder("100%", "2026-06-01T00:05:00.000Z")).rejects.toThrow(/wildcards/);
      await store.settings.remove("policy");
      expect(await store.settings.get("policy")).toBeNull();
    });
  });
});

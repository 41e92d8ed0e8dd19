// Audit before the write: the intent is stored before Syllable is called, settled after, read
// back when the write's fate is unclear, and settled at start when a console died mid-write.
// Real sandbox, real SQLite store; see tests/support/route-harness.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { SEED } from "@/sandbox/seed";
import { getStore, type AuditEntry } from "@/lib/server/store";
import { getSyllable, type SyllableClient } from "@/lib/server/syllable";
import { readBack, reconcilePendingAudit } from "./audit-reconcile";
import * as batchRoute from "@/app/api/batches/[batchId]/route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: true, timeoutMs: 1500 });
});
afterAll(async () => {
  await h?.close();
});

const entriesFor = async (target: string) => (await getStore().audit.list({ limit: 500 })).filter((e) => e.target === target);
const pause = (id: string, paused: boolean) =>
  h.call(batchRoute.PATCH, `/api/batches/${id}`, { role: "manager", method: "PATCH", params: { batchId: id }, json: { paused } });

describe("audit intents", () => {
  it("stores the intent as pending before Syllable answers, and completes it after", async () => {
    const id = SEED.batches.payments;
    await h.faults({ latency_ms: 600 });
    try {
      const write = pause(id, true);
      await new Promise((r) => setTimeout(r, 300));
      const during = await entriesFor(`batch:${id}`);
      expect(during[0]).toMatchObject({ action: "batch.pause", outcome: "pending", actorEmail: "manager@sandbox.local" });
      expect((await write).status).toBe(200);
      const after = await entriesFor(`batch:${id}`);
      expect(after[0]).toMatchObject({ id: during[0]!.id, outcome: "ok" });
    } finally {
      await h.faults(null);
      await pause(id, false);
    }
  });

  it("a write that times out is read back: the entry and the error say what was found", async () => {
    const id = SEED.batches.payments;
    // Longer than the 1.5 s budget: the PUT times out (the sandbox applies it later), and the read-back times out too.
    await h.faults({ latency_ms: 2000 });
    let res: Response;
    try {
      res = await pause(id, true);
    } finally {
      await h.faults(null);
    }
    expect(res.status).toBe(504);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(
      /did not answer within 1\.5 s\. The console could not tell whether the change was applied: check it before trying again\./,
    );
    const [entry] = await entriesFor(`batch:${id}`);
    expect(entry).toMatchObject({ action: "batch.pause", outcome: "unknown" });
    expect(entry!.detail.found).toMatch(/Reading it back failed/);
    await new Promise((r) => setTimeout(r, 700)); // let the sandbox apply the late PUT
    await pause(id, false);
  });

  it("a plain refusal is 'failed' without a read-back", async () => {
    const res = await pause("no-such-batch-xyz", true);
    expect(res.status).toBe(404);
    const [entry] = await entriesFor("batch:no-such-batch-xyz");
    expect(entry).toMatchObject({ outcome: "failed" });
    expect(entry!.detail.found).toBeUndefined();
  });
});

describe("settling intents left by a console that died mid-write", () => {
  const intent = (action: string, target: string, detail: Record<string, unknown>): Omit<AuditEntry, "id"> => ({
    at: new Date(Date.now() - 60_000).toISOString(),
    actorEmail: "manager@sandbox.local",
    actorRole: "manager",
    action,
    target,
    outcome: "pending",
    detail,
  });

  it("reads each target back and marks ok, failed or unknown with what it found; leaves newer intents alone", async () => {
    const store = getStore();
    const paused = await store.audit.add(intent("batch.pause", `batch:${SEED.batches.paused}`, { paused: true }));
    const neverCreated = await store.audit.add(intent("batch.create", "batch:never-created-1", { batch_id: "never-created-1" }));
    const resumeNotApplied = await store.audit.add(intent("batch.resume", `batch:${SEED.batches.paused}`, { paused: false }));
    const fresh = await store.audit.add({
      ...intent("batch.pause", `batch:${SEED.batches.paused}`, { paused: true }),
      at: new Date(Date.now() + 60_000).toISOString(),
    });

    expect(await reconcilePendingAudit(new Date().toISOString())).toBeGreaterThanOrEqual(3);
    const byId = new Map((await store.audit.list({ limit: 500 })).map((e) => [e.id, e]));
    expect(byId.get(paused.id)).toMatchObject({ outcome: "ok", detail: { interrupted: true, found: "The batch has paused=true." } });
    expect(byId.get(neverCreated.id)).toMatchObject({ outcome: "failed", detail: { found: "No such batch." } });
    expect(byId.get(resumeNotApplied.id)).toMatchObject({ outcome: "unknown", detail: { found: "The batch has paused=true." } });
    expect(byId.get(fresh.id)!.outcome).toBe("pending");
    // Settled once: a second run finds nothing older.
    expect(await store.audit.complete(paused.id, "failed", {})).toBe(false);
  });

  it("an interrupted upload is 'ok' when the file's last row is in the batch", async () => {
    const results = await getSyllable().getBatchResults(SEED.batches.payments);
    const last = results.at(-1)!.reference_id;
    const verdict = await readBack({ action: "batch.upload", target: `batch:${SEED.batches.payments}`, detail: { last_reference_id: last } });
    expect(verdict).toMatchObject({ outcome: "ok" });
    expect(verdict.found).toContain(last);
    const missing = await readBack({ action: "batch.upload", target: `batch:${SEED.batches.payments}`, detail: { last_reference_id: "not-there-42" } });
    expect(missing.outcome).toBe("unknown");
  });

  it("a read-back that itself fails is 'unknown', never a guess", async () => {
    const failing = { getBatch: () => Promise.reject(new Error("boom")) } as unknown as SyllableClient;
    const verdict = await readBack({ action: "batch.delete", target: "batch:x", detail: {} }, failing);
    expect(verdict.outcome).toBe("unknown");
  });
});

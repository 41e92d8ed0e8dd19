import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { LiveEngine, MAX_BACKOFF_MS, WATCH_TTL_MS, type LiveEvent } from "./engine";

// The engine on a fake clock: the reader is scripted, every read is counted.
const WATCHED = 5_000;
const IDLE = 60_000;
class Gone extends Error {}

function setup(opts: { observeFailure?: (id: string, state: BatchDetailResponse) => Promise<void> } = {}) {
  let reads = 0;
  let failing: Error | null = null;
  let finished = 0;
  const engine = new LiveEngine({
    read: async (id) => {
      reads += 1;
      if (failing) throw failing;
      return { batch_id: id, status_counts: { COMPLETED: finished } } as unknown as BatchDetailResponse;
    },
    isGone: (err) => err instanceof Gone,
    describe: (err) => (err as Error).message,
    now: Date.now,
    watchedMs: WATCHED,
    idleMs: IDLE,
    random: () => 0.5, // no jitter: exact delays
    observeFailure: opts.observeFailure,
  });
  return {
    engine,
    reads: () => reads,
    fail: (err: Error | null) => (failing = err),
    progress: (n: number) => (finished = n),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("LiveEngine", () => {
  it("one loop per batch: 200 subscribers cost one read per cadence", async () => {
    const s = setup();
    const events: LiveEvent[] = [];
    for (let i = 0; i < 200; i++) s.engine.subscribe("b1", (e) => i === 0 && events.push(e));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.reads()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.reads()).toBe(1 + 60_000 / WATCHED);
    expect(events.length).toBe(s.reads());
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1)); // ids increase: Last-Event-ID can resume
    s.engine.stop();
  });

  it("GETs within a cadence are served from memory; asking keeps the batch watched for WATCH_TTL_MS", async () => {
    const s = setup();
    await s.engine.current("b1");
    for (let i = 0; i < 100; i++) await s.engine.current("b1");
    expect(s.reads()).toBe(1);
    await vi.advanceTimersByTimeAsync(WATCH_TTL_MS);
    const whileWatched = s.reads();
    // Read at 0 s, then every cadence while the last GET is under WATCH_TTL_MS old.
    expect(whileWatched).toBe(WATCH_TTL_MS / WATCHED);
    // Nobody asks any more and it is not an active batch: the loop stops.
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(s.reads()).toBe(whileWatched);
    s.engine.stop();
  });

  it("an active batch nobody watches is read on the idle cadence", async () => {
    const s = setup();
    s.engine.track("b1");
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(s.reads()).toBe(1 + 10);
    s.engine.stop();
  });

  it("failures back off (doubling, capped) and mark the state stale since the first failure; success clears it", async () => {
    const s = setup();
    const events: LiveEvent[] = [];
    s.engine.subscribe("b1", (e) => events.push(e));
    await vi.advanceTimersByTimeAsync(0);
    s.fail(new Error("Syllable is not answering."));
    const failedAt = Date.now() + WATCHED;
    await vi.advanceTimersByTimeAsync(WATCHED); // read 2 fails
    const last = events.at(-1) as { batch: BatchDetailResponse };
    expect(last.batch.live).toMatchObject({ stale_since: new Date(failedAt).toISOString(), reason: "Syllable is not answering." });
    // Next tries after 5, 10, 20, 40, 60, 60 s (jitter pinned to 1.0).
    const before = s.reads();
    await vi.advanceTimersByTimeAsync(5_000 + 10_000 + 20_000 + 40_000 + MAX_BACKOFF_MS + MAX_BACKOFF_MS);
    expect(s.reads() - before).toBe(6);
    // A GET meanwhile gets the last state, marked stale, without a read.
    const reads = s.reads();
    expect((await s.engine.current("b1")).live?.stale_since).toBe(new Date(failedAt).toISOString());
    expect(s.reads()).toBe(reads);
    s.fail(null);
    s.progress(7);
    await vi.advanceTimersByTimeAsync(MAX_BACKOFF_MS);
    const ok = events.at(-1) as { batch: BatchDetailResponse };
    expect(ok.batch.live?.stale_since).toBeNull();
    expect(ok.batch.status_counts).toEqual({ COMPLETED: 7 });
    s.engine.stop();
  });

  it("three failed reads in a row hand the last state, marked stale, to observeFailure once (the 'unreachable' alert)", async () => {
    const seen: BatchDetailResponse[] = [];
    const s = setup({ observeFailure: async (_id, state) => void seen.push(state) });
    s.engine.subscribe("b1", () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    s.fail(new Error("Syllable did not answer."));
    await vi.advanceTimersByTimeAsync(WATCHED * 2 + 1); // two failures
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(MAX_BACKOFF_MS * 4);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.live?.stale_since).not.toBeNull();
    expect(seen[0]!.live?.reason).toBe("Syllable did not answer.");
    s.engine.stop();
  });

  it("a GET while Syllable starts failing gets the last state marked stale, not an error", async () => {
    const s = setup();
    await s.engine.current("b1");
    await vi.advanceTimersByTimeAsync(WATCHED * 2); // no longer fresh; nobody subscribed
    s.fail(new Error("Syllable did not answer within 15 s."));
    s.engine.expireAll();
    const state = await s.engine.current("b1");
    expect(state.live).toMatchObject({ reason: "Syllable did not answer within 15 s." });
    expect(state.live?.stale_since).not.toBeNull();
    s.engine.stop();
  });

  it("refresh after a write reads at once and wins over a read that started before it", async () => {
    const s = setup();
    await s.engine.current("b1");
    s.progress(1);
    const stale = s.engine.refresh("b1");
    s.progress(2);
    const fresh = await s.engine.refresh("b1");
    await stale;
    expect(fresh.status_counts).toEqual({ COMPLETED: 2 });
    expect((await s.engine.current("b1")).status_counts).toEqual({ COMPLETED: 2 });
    s.engine.stop();
  });

  it("a batch that is gone is forgotten and subscribers are told", async () => {
    const s = setup();
    const events: LiveEvent[] = [];
    s.engine.subscribe("b1", (e) => events.push(e));
    await vi.advanceTimersByTimeAsync(0);
    s.fail(new Gone("not found"));
    await vi.advanceTimersByTimeAsync(WATCHED);
    expect(events.at(-1)).toMatchObject({ gone: true });
    const reads = s.reads();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.reads()).toBe(reads);
    expect(s.engine.snapshot()).toEqual([]);
  });
});

describe("LiveEngine on several instances (coordination)", () => {
  // The shared store, in memory: one lease per batch with expiry, the latest shared state, and
  // messages between instances delivered at once.
  function cluster() {
    let reads = 0;
    let finished = 0;
    const leases = new Map<string, { holder: string; until: number }>();
    const shared = new Map<string, { state: BatchDetailResponse; fetchedAt: number }>();
    const engines = new Map<string, LiveEngine>();
    const instance = (name: string) => {
      const engine: LiveEngine = new LiveEngine({
        read: async (id) => {
          reads += 1;
          return { batch_id: id, status_counts: { COMPLETED: finished } } as unknown as BatchDetailResponse;
        },
        isGone: () => false,
        describe: (err) => (err as Error).message,
        now: Date.now,
        watchedMs: WATCHED,
        idleMs: IDLE,
        random: () => 0.5,
        coordination: {
          lead: async (id, ttl) => {
            const l = leases.get(id);
            if (l && l.holder !== name && l.until > Date.now()) return false;
            leases.set(id, { holder: name, until: Date.now() + ttl });
            return true;
          },
          share: async (id, state, fetchedAt) => {
            shared.set(id, { state, fetchedAt });
            for (const [other, e] of engines) if (other !== name) e.sharedStateChanged(id);
          },
          latest: async (id) => shared.get(id) ?? null,
          watching: (id) => {
            for (const [other, e] of engines) if (other !== name) e.watchedElsewhere(id);
          },
        },
      });
      engines.set(name, engine);
      return engine;
    };
    return {
      instance,
      reads: () => reads,
      progress: (n: number) => (finished = n),
      holder: (id: string) => leases.get(id)?.holder,
      kill: (name: string) => (engines.get(name)!.stop(), engines.delete(name)),
    };
  }

  it("two instances with subscribers cost what one costs, and both see every new state", async () => {
    const c = cluster();
    const a = c.instance("a");
    const b = c.instance("b");
    const seenA: number[] = [];
    const seenB: number[] = [];
    a.subscribe("b1", (e) => "batch" in e && seenA.push(e.batch.status_counts!.COMPLETED!));
    b.subscribe("b1", (e) => "batch" in e && seenB.push(e.batch.status_counts!.COMPLETED!));
    await vi.advanceTimersByTimeAsync(WATCHED);
    const start = c.reads();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.reads() - start).toBe(60_000 / WATCHED); // one reader, not two
    c.progress(7);
    await vi.advanceTimersByTimeAsync(WATCHED);
    expect(seenA.at(-1)).toBe(7);
    expect(seenB.at(-1)).toBe(7);
    a.stop();
    b.stop();
  });

  it("when the reading instance dies, another takes the batch over within two cadences", async () => {
    const c = cluster();
    const a = c.instance("a");
    const b = c.instance("b");
    a.subscribe("b1", () => undefined);
    await vi.advanceTimersByTimeAsync(100);
    b.subscribe("b1", () => undefined);
    await vi.advanceTimersByTimeAsync(WATCHED);
    expect(c.holder("b1")).toBe("a");
    c.kill("a");
    const readsAtDeath = c.reads();
    await vi.advanceTimersByTimeAsync(2 * WATCHED);
    expect(c.holder("b1")).toBe("b");
    expect(c.reads()).toBeGreaterThan(readsAtDeath);
    b.stop();
  });

  it("a batch watched only on a follower is read at the watched cadence by the reader", async () => {
    const c = cluster();
    const a = c.instance("a");
    const b = c.instance("b");
    a.track("b1"); // the reader follows it as an active batch (idle cadence)
    await vi.advanceTimersByTimeAsync(100);
    b.subscribe("b1", () => undefined);
    await vi.advanceTimersByTimeAsync(WATCHED * 2);
    const start = c.reads();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(c.reads() - start).toBeGreaterThanOrEqual(30_000 / WATCHED - 1);
    expect(c.holder("b1")).toBe("a");
    a.stop();
    b.stop();
  });
});

import { describe, expect, it } from "vitest";
import { createTtlCache, mapBounded } from "./ttl-cache";

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe("createTtlCache", () => {
  it("keeps a settled value for ttlMs, then loads again", async () => {
    // A clock that is not at 0 (lru-cache, which keeps the entries, reads a start of 0 as "no TTL").
    let t = 1_000;
    let loads = 0;
    const c = createTtlCache<string, number>({ ttlMs: 100, max: 10, now: () => t });
    const load = async () => ++loads;
    expect(await c.get("a", load)).toBe(1);
    t = 1_099;
    expect(await c.get("a", load)).toBe(1);
    t = 1_200;
    expect(await c.get("a", load)).toBe(2);
  });

  it("shares a load still in flight, even with ttlMs 0 or past the ttl", async () => {
    let t = 0;
    let loads = 0;
    const d = deferred<number>();
    const c = createTtlCache<string, number>({ ttlMs: 0, max: 10, now: () => t });
    const load = () => (loads++, d.promise);
    const a = c.get("k", load);
    t = 5_000;
    const b = c.get("k", load);
    d.resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(loads).toBe(1);
    // Settled with ttlMs 0: nothing is kept.
    await c.get("k", async () => (loads++, 8));
    expect(loads).toBe(2);
  });

  it("invalidate detaches an in-flight load so the next get starts a new one", async () => {
    const d = deferred<string>();
    const c = createTtlCache<string, string>({ ttlMs: 1_000, max: 10 });
    const old = c.get("k", () => d.promise);
    c.invalidate("k");
    expect(await c.get("k", async () => "new")).toBe("new");
    d.resolve("old");
    expect(await old).toBe("old");
    expect(await c.get("k", async () => "newer")).toBe("new");
  });

  it("does not keep failures, and evicts the least recently used past max", async () => {
    const c = createTtlCache<string, number>({ ttlMs: 1_000, max: 2 });
    await expect(c.get("x", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await c.get("x", async () => 1)).toBe(1);
    c.set("y", 2);
    await c.get("x", async () => 99); // touch x
    c.set("z", 3);
    expect(c.size()).toBe(2);
    expect(await c.get("y", async () => 20)).toBe(20); // y was evicted
  });
});

describe("ttl cache: eviction and errors", () => {
  it("coalesces concurrent loads, expires, evicts LRU and forgets failures", async () => {
    let t = 1_000;
    const cache = createTtlCache<string, number>({ ttlMs: 100, max: 2, now: () => t });
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get("a", load), cache.get("a", load)])).toEqual([1, 1]);
    t = 1_150;
    expect(await cache.get("a", load)).toBe(2);
    await cache.get("b", load);
    await cache.get("c", load);
    expect(cache.size()).toBe(2);
    await expect(cache.get("x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await Promise.resolve();
    expect(await cache.get("x", async () => 42)).toBe(42);
  });

  it("mapBounded keeps order and the limit", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((res) => setTimeout(res, 5));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });
});

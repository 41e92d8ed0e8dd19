// A small in-process cache: settled values live `ttlMs` in an LRU of at most `max` keys
// (lru-cache does the expiry and the eviction); a load still in flight is always shared (so
// `ttlMs: 0` means "coalesce concurrent loads, keep nothing"). Failed loads are not cached.
// `invalidate` also detaches an in-flight load, so a read after a write never joins a load that
// started before it.
import { LRUCache } from "lru-cache";

export type TtlCache<K, V> = {
  get(key: K, load: () => Promise<V>): Promise<V>;
  /** Stores a value fetched elsewhere (fresher than what the cache may hold). */
  set(key: K, value: V): void;
  invalidate(key: K): void;
  clear(): void;
  size(): number;
};

/** A TTL + LRU cache that coalesces concurrent loads of the same key into one. */
export function createTtlCache<K extends NonNullable<unknown>, V>(opts: { ttlMs: number; max: number; now?: () => number }): TtlCache<K, V> {
  // Settled values. ttlResolution 0: no cached clock (tests move `now` in one tick).
  const settled = new LRUCache<K, { value: V }>({
    max: opts.max,
    ...(opts.ttlMs > 0 ? { ttl: opts.ttlMs, ttlResolution: 0 } : {}),
    ...(opts.now ? { perf: { now: opts.now } } : {}),
  });
  const inFlight = new Map<K, Promise<V>>();
  const keep = (key: K, value: V) => {
    if (opts.ttlMs > 0) settled.set(key, { value });
  };
  return {
    get(key, load) {
      const pending = inFlight.get(key);
      if (pending) return pending;
      const hit = settled.get(key);
      if (hit) return Promise.resolve(hit.value);
      const value = load();
      inFlight.set(key, value);
      value.then(
        (v) => {
          if (inFlight.get(key) !== value) return; // invalidated meanwhile: not kept
          inFlight.delete(key);
          keep(key, v);
        },
        () => {
          if (inFlight.get(key) === value) inFlight.delete(key);
        },
      );
      return value;
    },
    set(key, value) {
      inFlight.delete(key);
      keep(key, value);
    },
    invalidate(key) {
      inFlight.delete(key);
      settled.delete(key);
    },
    clear() {
      inFlight.clear();
      settled.clear();
    },
    size() {
      return new Set([...settled.keys(), ...inFlight.keys()]).size;
    },
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * `promise`'s value if it settles within `ms`, else null (also null when it fails). The promise
 * itself keeps running: a cache it feeds is filled for the next caller.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  if (ms <= 0) {
    promise.catch(() => undefined);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

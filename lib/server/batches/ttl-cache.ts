// A tiny in-process cache: entries live `ttlMs` after they settle, and a load still in flight is
// always shared (so `ttlMs: 0` means "coalesce concurrent loads, keep nothing"); at most `max`
// keys (least recently used evicted). Failed loads are not cached. `invalidate` also detaches an
// in-flight load, so a read after a write never joins a load that started before it.

export type TtlCache<K, V> = {
  get(key: K, load: () => Promise<V>): Promise<V>;
  /** Stores a value fetched elsewhere (fresher than what the cache may hold). */
  set(key: K, value: V): void;
  invalidate(key: K): void;
  clear(): void;
  size(): number;
};

/** A TTL + LRU cache that coalesces concurrent loads of the same key into one. */
export function createTtlCache<K, V>(opts: { ttlMs: number; max: number; now?: () => number }): TtlCache<K, V> {
  const now = opts.now ?? Date.now;
  // `at` is when the load settled; undefined while it is in flight.
  const entries = new Map<K, { at?: number; value: Promise<V> }>();
  const evict = () => {
    while (entries.size > opts.max) entries.delete(entries.keys().next().value as K);
  };
  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && (hit.at === undefined || now() - hit.at < opts.ttlMs)) {
        // Map keeps insertion order: re-insert to mark as recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const value = load();
      const entry: { at?: number; value: Promise<V> } = { value };
      entries.delete(key);
      entries.set(key, entry);
      value.then(
        () => {
          entry.at = now();
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      evict();
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { at: now(), value: Promise.resolve(value) });
      evict();
    },
    invalidate(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    size() {
      return entries.size;
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

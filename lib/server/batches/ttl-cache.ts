// A tiny in-process cache: entries live `ttlMs`, concurrent loads of one key share one promise,
// at most `max` keys (least recently used evicted). Failed loads are not cached.

export type TtlCache<K, V> = {
  get(key: K, load: () => Promise<V>): Promise<V>;
  invalidate(key: K): void;
  clear(): void;
  size(): number;
};

/** A TTL + LRU cache that coalesces concurrent loads of the same key into one. */
export function createTtlCache<K, V>(opts: { ttlMs: number; max: number; now?: () => number }): TtlCache<K, V> {
  const now = opts.now ?? Date.now;
  const entries = new Map<K, { at: number; value: Promise<V> }>();
  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < opts.ttlMs) {
        // Map keeps insertion order: re-insert to mark as recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const value = load();
      const entry = { at: now(), value };
      entries.delete(key);
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      while (entries.size > opts.max) {
        const oldest = entries.keys().next().value as K;
        entries.delete(oldest);
      }
      return value;
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

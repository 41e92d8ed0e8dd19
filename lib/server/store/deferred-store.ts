// A Store usable at once while the real one is still opening (migrations run asynchronously):
// every method waits for it. getStore() stays synchronous for its many callers, and a store
// that cannot open (a database that is down, a failed migration) fails each call with the
// reason instead of the process; a later call tries to open it again (at most once a second),
// so the console recovers when the database comes back without being restarted.
import { metrics } from "@/lib/observability/metrics";
import { ApiError, isApiError } from "@/lib/server/errors";
import type { Store } from "./types";

const RETRY_AFTER_MS = 1_000;

// Errors that mean the database is not there (refused, reset, shut down, connection lost), as
// opposed to a query that failed on its merits (a unique key, a rule of the store's own).
const OUTAGE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  "53300",
]);
function isOutage(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && OUTAGE_CODES.has(e.code)) return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? "");
}

/** The database is not answering: a 503 a person can read, with Retry-After; never a sign-out. */
function storeUnavailable(cause: unknown): ApiError {
  if (isApiError(cause)) return cause;
  console.error("The console's database is not answering:", cause instanceof Error ? cause.message : cause);
  return new ApiError("store_unavailable", "The console's database is not answering right now. Try again in a moment.", undefined, { "Retry-After": "5" });
}

export function deferStore(open: () => Promise<Store>): Store {
  let attempt: Promise<Store> | null = null;
  let failedAt = 0;
  const start = () => {
    const p = open();
    // Nobody may be waiting yet: a failure is reported by the calls, not as unhandled.
    p.catch(() => {
      failedAt = Date.now();
    });
    return p;
  };
  attempt = start();
  const opened = (): Promise<Store> => {
    if (failedAt && Date.now() - failedAt >= RETRY_AFTER_MS) {
      failedAt = 0;
      attempt = start();
    }
    return attempt!;
  };
  const repo = (name: keyof Store) =>
    new Proxy(
      {},
      {
        get:
          (_, method: string) =>
          async (...args: unknown[]) => {
            const started = performance.now();
            let ok = "false";
            try {
              const store = await opened().catch((err: unknown) => {
                throw storeUnavailable(err);
              });
              // eslint-disable-next-line @typescript-eslint/unbound-method -- called on its own object below (apply)
              const target = store[name] as unknown as Record<string, (...a: unknown[]) => unknown>;
              const out = await target[method]!.apply(target, args);
              ok = "true";
              return out;
            } catch (err) {
              throw isOutage(err) ? storeUnavailable(err) : err;
            } finally {
              metrics().storeDuration.observe({ operation: `${String(name)}.${method}`, ok }, (performance.now() - started) / 1000);
            }
          },
      },
    );
  const store = {} as Store;
  for (const name of [
    "users",
    "sessions",
    "tokens",
    "loginAttempts",
    "snapshots",
    "audit",
    "campaignVersions",
    "alerts",
    "leases",
    "liveStates",
    "results",
    "suppression",
    "schedules",
    "settings",
    "reports",
  ] as const) {
    (store as unknown as Record<string, unknown>)[name] = repo(name);
  }
  store.events = {
    publish: async (channel, payload) => (await opened()).events.publish(channel, payload),
    // Subscribing is synchronous: it takes effect once the store is open.
    subscribe(channel, listener) {
      let off: (() => void) | null = null;
      let cancelled = false;
      const subscribeWhenOpen = (): void =>
        void opened().then(
          (s) => {
            if (!cancelled) off = s.events.subscribe(channel, listener);
          },
          () => setTimeout(() => !cancelled && subscribeWhenOpen(), RETRY_AFTER_MS).unref?.(),
        );
      subscribeWhenOpen();
      return () => {
        cancelled = true;
        off?.();
      };
    },
  };
  store.close = async () => (await attempt!.catch(() => null))?.close();
  return store;
}

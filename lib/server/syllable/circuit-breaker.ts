// A circuit breaker for one upstream. After `threshold` calls in a row fail because Syllable is
// unavailable (timeouts, unreachable, 5xx), it opens: for `openMs` every call fails at once with
// 503 instead of tying up a request for the whole timeout. Then it half-opens: one call goes
// through as a probe; success closes it, failure opens it again. Answers like 404 or 422 mean
// Syllable is up, so they count as successes here.

export type CircuitState = "closed" | "open" | "half-open";

export type CircuitBreaker = {
  /** Runs `call` unless the circuit is open; `isOutage` says which errors count as Syllable being down. */
  run<T>(call: () => Promise<T>, isOutage: (err: unknown) => boolean): Promise<T>;
  state(): CircuitState;
  /** When the circuit last opened (ms), for "since" in messages; null while closed. */
  openedAt(): number | null;
};

export type CircuitOptions = {
  threshold: number;
  openMs: number;
  now?: () => number;
  /** The error thrown while open (fresh each time, so stacks do not leak between requests). */
  openError: () => Error;
  /** Told of every change of state (closed → open → half-open → closed or open again), as it is noticed. */
  onTransition?: (from: CircuitState, to: CircuitState) => void;
};

/** Creates a breaker (closed). */
export function createCircuitBreaker(opts: CircuitOptions): CircuitBreaker {
  const now = opts.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let probing = false;

  const current = (): CircuitState => {
    if (openedAt === null) return "closed";
    return now() - openedAt >= opts.openMs ? "half-open" : "open";
  };
  // open → half-open happens with time alone: a transition is reported when it is first seen.
  let reported: CircuitState = "closed";
  const state = (): CircuitState => {
    const s = current();
    if (s !== reported) {
      const from = reported;
      reported = s;
      opts.onTransition?.(from, s);
    }
    return s;
  };

  return {
    state,
    openedAt: () => openedAt,
    async run(call, isOutage) {
      const s = state();
      if (s === "open" || (s === "half-open" && probing)) throw opts.openError();
      const isProbe = s === "half-open";
      if (isProbe) probing = true;
      try {
        const result = await call();
        failures = 0;
        openedAt = null;
        state();
        return result;
      } catch (err) {
        if (isOutage(err)) {
          failures += 1;
          if (isProbe || failures >= opts.threshold) openedAt = now();
        } else {
          failures = 0;
          openedAt = null;
        }
        state();
        throw err;
      } finally {
        if (isProbe) probing = false;
      }
    },
  };
}

// The live engine: ONE loop per batch worth tracking fetches it from Syllable on a fixed cadence,
// whatever the number of people watching, and publishes each new state to its subscribers (the
// SSE streams) and to anyone asking (GET /api/batches/{id} is served from here, from memory).
// Framework-free: the reader, the clock and the timers are injected, so tests drive it on a fake
// clock. lib/server/live/index.ts wires it to Syllable and the store.
import type { BatchDetailResponse, LiveStatus } from "@/lib/schemas/batches";

/** A new state of the batch, or word that it no longer exists (deleted). */
export type LiveEvent = { id: number; batch: BatchDetailResponse } | { id: number; gone: true };
export type Listener = (event: LiveEvent) => void;

export type EngineDeps = {
  /** Fresh state of one batch from Syllable (throws on failure; a 404 error means it is gone). */
  read(batchId: string): Promise<BatchDetailResponse>;
  /** Called with every successful read, before it is published (progress snapshots, alerts). */
  observe?(batchId: string, state: BatchDetailResponse, previous: BatchDetailResponse | null): Promise<void>;
  /** Called with the last state, marked stale, while reading keeps failing (alerts: "Syllable unreachable"). */
  observeFailure?(batchId: string, state: BatchDetailResponse): Promise<void>;
  /** Whether an error means the batch no longer exists (stop tracking, tell subscribers). */
  isGone(err: unknown): boolean;
  /** A sentence for an error (for "stale because ..."). */
  describe(err: unknown): string;
  now(): number;
  /** Cadence while someone watches (a subscriber, or a request in the last WATCH_TTL_MS). */
  watchedMs: number;
  /** Cadence for an active batch nobody watches. */
  idleMs: number;
  /** Randomness for backoff jitter (tests pass a constant). */
  random?(): number;
  /** Several console instances on one shared store: see EngineCoordination. */
  coordination?: EngineCoordination;
};

/**
 * With several console instances, exactly one reads a given batch from Syllable (it holds the
 * batch's lease, renewed at every read) and shares each state; the others follow that shared
 * state. When the reader dies, its lease runs out and a follower takes over.
 */
export type EngineCoordination = {
  /** Takes or renews this instance's lease on reading the batch; false: another instance reads it. */
  lead(batchId: string, ttlMs: number): Promise<boolean>;
  /** Hands a fresh state to the other instances. */
  share(batchId: string, state: BatchDetailResponse, fetchedAt: number): Promise<void>;
  /** The latest state shared by whichever instance reads the batch. */
  latest(batchId: string): Promise<{ state: BatchDetailResponse; fetchedAt: number } | null>;
  /** Tells the reading instance that someone watches the batch here (it keeps the watched cadence). */
  watching(batchId: string): void;
};

/** A lease outlives one cadence by half: a late renewal does not hand the batch over. */
export const LEASE_CADENCES = 1.5;

/** How long a plain GET counts as "someone is watching" (a polling client asks every few seconds). */
export const WATCH_TTL_MS = 30_000;
/** Failed reads in a row (each already retried) before "Syllable unreachable" is raised. */
export const UNREACHABLE_AFTER_FAILURES = 3;
/** Longest wait between attempts while Syllable fails. */
export const MAX_BACKOFF_MS = 60_000;

type Tracked = {
  state: BatchDetailResponse | null;
  version: number;
  fetchedAt: number;
  failures: number;
  staleSince: number | null;
  reason: string | null;
  listeners: Set<Listener>;
  lastAskedAt: number;
  /** Track on the idle cadence even when nobody watches (an active batch). */
  keepAlive: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: Promise<BatchDetailResponse> | null;
  /** Bumped by refresh(): a read that started before it must not be published after it. */
  generation: number;
  /** The last tick followed another instance's reads instead of reading (coordination). */
  following: boolean;
};

/** Every batch's events, for the overview: which batch, and the event. */
export type OverviewListener = (batchId: string, event: LiveEvent) => void;

export class LiveEngine {
  private readonly tracked = new Map<string, Tracked>();
  private readonly overview = new Set<OverviewListener>();
  private stopped = false;

  constructor(private readonly deps: EngineDeps) {}

  /** Subscribes to a batch's states; the first event comes as soon as a state exists. Returns the unsubscribe. */
  subscribe(batchId: string, listener: Listener): () => void {
    const t = this.entry(batchId);
    t.listeners.add(listener);
    if (t.state) listener({ id: t.version, batch: this.withLive(t) });
    this.schedule(batchId, t, t.state ? this.cadence(t) - (this.deps.now() - t.fetchedAt) : 0);
    return () => {
      t.listeners.delete(listener);
    };
  }

  /**
   * The batch as the engine knows it: from memory when fetched within one cadence (or while
   * Syllable fails: then marked stale); otherwise fetched now. Asking counts as watching.
   */
  async current(batchId: string): Promise<BatchDetailResponse> {
    const t = this.entry(batchId);
    t.lastAskedAt = this.deps.now();
    const fresh = t.state && (this.deps.now() - t.fetchedAt < this.deps.watchedMs || t.staleSince !== null);
    if (fresh) {
      if (!t.timer && !t.inFlight) this.schedule(batchId, t, this.cadence(t) - (this.deps.now() - t.fetchedAt));
      return this.withLive(t);
    }
    // Syllable failing now but a state is known: the last data, marked stale, beats an error.
    return this.fetch(batchId, t).catch((err: unknown) => {
      if (t.state && this.tracked.get(batchId) === t) return this.withLive(t);
      throw err;
    });
  }

  /** After a write through the console: fetch now (never joining a read that began before the write) and publish. */
  async refresh(batchId: string): Promise<BatchDetailResponse> {
    const t = this.entry(batchId);
    t.generation += 1;
    t.inFlight = null;
    return this.fetch(batchId, t, { force: true });
  }

  /** Another instance shared a new state of the batch: take it now if this one follows it. */
  sharedStateChanged(batchId: string): void {
    const t = this.tracked.get(batchId);
    if (!t || !t.following || t.inFlight) return;
    this.fetch(batchId, t).catch(() => undefined);
  }

  /** Someone watches the batch on another instance: read it at the watched cadence here too. */
  watchedElsewhere(batchId: string): void {
    const t = this.tracked.get(batchId);
    if (!t) return;
    const wasWatched = this.watched(t);
    t.lastAskedAt = this.deps.now();
    if (!wasWatched && !t.inFlight) this.schedule(batchId, t, this.deps.watchedMs - (this.deps.now() - t.fetchedAt));
  }

  /**
   * Subscribes to every batch's events (the overview). While anyone does, every tracked active
   * batch counts as watched: the home page moves at the watched cadence, not once a minute.
   */
  subscribeAll(listener: OverviewListener): () => void {
    this.overview.add(listener);
    for (const [id, t] of this.tracked) if (t.keepAlive && !t.inFlight) this.schedule(id, t, t.state ? this.cadence(t) - (this.deps.now() - t.fetchedAt) : 0);
    return () => {
      this.overview.delete(listener);
    };
  }

  /** Keeps an active batch on the idle cadence even with nobody watching (for its history and alerts). */
  track(batchId: string): void {
    const t = this.entry(batchId);
    t.keepAlive = true;
    if (!t.timer && !t.inFlight) this.schedule(batchId, t, t.state ? this.cadence(t) - (this.deps.now() - t.fetchedAt) : 0);
  }

  /** Stops tracking a batch that is no longer active (it stays in memory only while watched). */
  untrack(batchId: string): void {
    const t = this.tracked.get(batchId);
    if (t) t.keepAlive = false;
  }

  /** Whether the batch is followed as active (discovery's list). */
  isTracked(batchId: string): boolean {
    return this.tracked.get(batchId)?.keepAlive === true;
  }

  /** The ids tracked as active (discovery's list). */
  trackedIds(): string[] {
    return [...this.tracked].filter(([, t]) => t.keepAlive).map(([id]) => id);
  }

  /** Batch ids the engine currently follows, with their last state (the overview's source). */
  snapshot(): Array<{ batchId: string; state: BatchDetailResponse | null; watchers: number }> {
    return [...this.tracked].map(([batchId, t]) => ({ batchId, state: t.state && this.withLive(t), watchers: t.listeners.size }));
  }

  /** The batch is gone (deleted): subscribers are told, and nothing about it is kept. */
  forget(batchId: string): void {
    const t = this.tracked.get(batchId);
    if (!t) return;
    this.tracked.delete(batchId);
    t.generation += 1;
    if (t.timer) clearTimeout(t.timer);
    this.emit(batchId, t, { id: t.version + 1, gone: true });
  }

  /** For the metrics: batches followed, and how far the most overdue one is behind its cadence (ms). */
  stats(): { batches: number; lagMs: number } {
    const now = this.deps.now();
    let lagMs = 0;
    for (const t of this.tracked.values()) {
      // Only batches with a loop running; a failing one is stale, which its state reports.
      if (!t.fetchedAt || t.failures > 0 || (!t.timer && !t.inFlight)) continue;
      lagMs = Math.max(lagMs, now - t.fetchedAt - this.cadence(t));
    }
    return { batches: this.tracked.size, lagMs };
  }

  /** Treats every held state as old: the next current() fetches (tests that move the sandbox's time). */
  expireAll(): void {
    for (const t of this.tracked.values()) t.fetchedAt = 0;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.tracked.values()) if (t.timer) clearTimeout(t.timer);
    this.tracked.clear();
  }

  private entry(batchId: string): Tracked {
    let t = this.tracked.get(batchId);
    if (!t) {
      t = {
        state: null,
        version: 0,
        fetchedAt: 0,
        failures: 0,
        staleSince: null,
        reason: null,
        listeners: new Set(),
        lastAskedAt: 0,
        keepAlive: false,
        timer: null,
        inFlight: null,
        generation: 0,
        following: false,
      };
      this.tracked.set(batchId, t);
    }
    return t;
  }

  private watched(t: Tracked): boolean {
    return t.listeners.size > 0 || this.deps.now() - t.lastAskedAt < WATCH_TTL_MS || (t.keepAlive && this.overview.size > 0);
  }

  private cadence(t: Tracked): number {
    return this.watched(t) ? this.deps.watchedMs : this.deps.idleMs;
  }

  private schedule(batchId: string, t: Tracked, delayMs: number): void {
    if (this.stopped || t.inFlight) return;
    if (t.timer) clearTimeout(t.timer);
    t.timer = setTimeout(
      () => {
        t.timer = null;
        this.tick(batchId, t);
      },
      Math.max(0, delayMs),
    );
  }

  private tick(batchId: string, t: Tracked): void {
    if (!this.watched(t) && !t.keepAlive) {
      // Nobody watches and it is not active: stop polling; forget it unless someone subscribes.
      if (t.listeners.size === 0) this.tracked.delete(batchId);
      return;
    }
    this.fetch(batchId, t).catch(() => undefined); // failures are handled (and scheduled) inside
  }

  private fetch(batchId: string, t: Tracked, opts: { force?: boolean } = {}): Promise<BatchDetailResponse> {
    if (t.inFlight) return t.inFlight;
    if (t.timer) {
      clearTimeout(t.timer);
      t.timer = null;
    }
    const generation = t.generation;
    const coordination = this.deps.coordination;
    const run = (async () => {
      try {
        // Another instance reads this batch: follow its shared state (a write made here still reads at once).
        t.following = false;
        if (coordination && !opts.force && !(await coordination.lead(batchId, Math.round(this.cadence(t) * LEASE_CADENCES)))) {
          const shared = await this.follow(batchId, t, coordination);
          if (shared) return shared;
        }
        const state = await this.deps.read(batchId);
        if (generation !== t.generation) return state; // a refresh overtook this read
        const previous = t.state;
        try {
          await this.deps.observe?.(batchId, state, previous);
        } catch (err) {
          // Alerts failing must not stop the batch from being shown; the operator's log says why.
          console.error(`Live engine: evaluating ${batchId} failed:`, err instanceof Error ? err.message : err);
        }
        t.state = state;
        t.fetchedAt = this.deps.now();
        t.failures = 0;
        t.staleSince = null;
        t.reason = null;
        this.publish(batchId, t);
        if (coordination) {
          await coordination.share(batchId, state, t.fetchedAt).catch((err: unknown) => {
            console.error(`Live engine: sharing ${batchId} with the other instances failed:`, err instanceof Error ? err.message : err);
          });
        }
        return this.withLive(t);
      } catch (err) {
        if (generation !== t.generation) throw err;
        if (this.deps.isGone(err)) {
          this.forget(batchId);
          throw err;
        }
        t.failures += 1;
        t.staleSince ??= this.deps.now();
        t.reason = this.deps.describe(err);
        if (t.state) this.publish(batchId, t); // subscribers learn that what they see is stale
        // A blip is retried; several failed reads in a row are worth an alert of their own.
        if (t.state && t.failures === UNREACHABLE_AFTER_FAILURES) {
          this.deps.observeFailure?.(batchId, this.withLive(t)).catch((e: unknown) => {
            console.error(`Live engine: raising "unreachable" for ${batchId} failed:`, e instanceof Error ? e.message : e);
          });
        }
        throw err;
      } finally {
        if (generation === t.generation) {
          t.inFlight = null;
          this.schedule(batchId, t, this.nextDelay(t));
        }
      }
    })();
    t.inFlight = run;
    return run;
  }

  /**
   * One tick as a follower: the reader's latest shared state, published here when newer; the
   * reader is told when someone watches here. Null when nothing is shared yet (then this
   * instance reads once itself, so a new page does not wait for the reader's next cadence).
   */
  private async follow(batchId: string, t: Tracked, coordination: EngineCoordination): Promise<BatchDetailResponse | null> {
    t.following = true;
    if (this.watched(t)) coordination.watching(batchId);
    const shared = await coordination.latest(batchId);
    if (!shared) return t.state ? this.withLive(t) : null;
    if (shared.fetchedAt > t.fetchedAt) {
      t.state = shared.state;
      t.fetchedAt = shared.fetchedAt;
      t.failures = 0;
      t.staleSince = null;
      t.reason = null;
      this.publish(batchId, t);
    }
    return this.withLive(t);
  }

  /** The cadence; while failing, doubling from it up to MAX_BACKOFF_MS, with ±20% jitter. */
  private nextDelay(t: Tracked): number {
    // A follower looks twice a cadence: when the reader dies, its lease (1.5 cadences) is taken over within 2.
    if (t.following && t.failures === 0) return Math.round(this.cadence(t) / 2);
    const base = this.cadence(t);
    if (t.failures === 0) return base;
    const backoff = Math.min(MAX_BACKOFF_MS, base * 2 ** (t.failures - 1));
    const jitter = 0.8 + 0.4 * (this.deps.random ?? Math.random)();
    return Math.round(backoff * jitter);
  }

  private publish(batchId: string, t: Tracked): void {
    t.version += 1;
    this.emit(batchId, t, { id: t.version, batch: this.withLive(t) });
  }

  private emit(batchId: string, t: Tracked, event: LiveEvent): void {
    const calls = [...[...t.listeners].map((l) => () => l(event)), ...[...this.overview].map((l) => () => l(batchId, event))];
    for (const call of calls) {
      try {
        call();
      } catch {
        // One broken stream must not stop the others.
      }
    }
  }

  private withLive(t: Tracked): BatchDetailResponse {
    const live: LiveStatus = {
      fetched_at: new Date(t.fetchedAt).toISOString(),
      stale_since: t.staleSince === null ? null : new Date(t.staleSince).toISOString(),
      reason: t.reason,
      version: t.version,
    };
    return { ...t.state!, live };
  }
}

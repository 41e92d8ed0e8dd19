import { metrics } from "@/lib/observability/metrics";
import "server-only";
import { ApiError, isApiError } from "@/lib/server/errors";
import { processSingleton } from "@/lib/process-singletons";
// Server-Sent Events for the console's live data: framing, heartbeats, Last-Event-ID resume and
// the periodic "are you still signed in" check. One stream per browser tab.

const encoder = new TextEncoder();
/** Distinguishes event ids across restarts: a Last-Event-ID from an earlier process is ignored. */
const BOOT = Date.now().toString(36);
export const HEARTBEAT_MS = 15_000;
/** How often a stream asks whether its person is still signed in: a logout, password or role change or removal ends it within this, on every instance (the store is shared). */
export const ALLOWED_CHECK_MS = 2_000;

/** Whose stream it is: the user, and the session or token it was opened with. */
export type StreamOwner = { userId: number; session: string };
type OpenStream = { owner: StreamOwner; openedAt: number; replace: () => void; reconnect: (message: string) => void };
// Every route bundle of this process counts the same open streams.
const openStreams = () => processSingleton("open-streams", () => new Set<OpenStream>());

/**
 * Admits a new stream of `owner`, at most `max` per user (in this process): past the cap within
 * the same session (a new tab) its oldest stream is told `replaced` and closed; past the cap with
 * the user's other sessions, the new one is refused with 429.
 */
export function admitStream(owner: StreamOwner, max: number): void {
  const mine = [...openStreams()].filter((s) => s.owner.userId === owner.userId);
  if (mine.length < max) return;
  const sameSession = mine.filter((s) => s.owner.session === owner.session).sort((a, b) => a.openedAt - b.openedAt);
  if (sameSession.length === 0) {
    throw new ApiError("too_many_requests", `You already have ${mine.length} live pages open elsewhere; close some to get live updates here.`, undefined, {
      "Retry-After": "30",
    });
  }
  for (const s of sameSession.slice(0, mine.length - max + 1)) s.replace();
}

/** The owner of a stream opened by `user`: its session (or token), so a new tab replaces that browser's oldest. */
export function streamOwner(user: { id: number; credential?: { hash: string } }): StreamOwner {
  return { userId: user.id, session: user.credential?.hash ?? `user:${user.id}` };
}

/** Ends every open stream with `event: reconnect` (the browser reconnects by itself, through the balancer to another instance). */
export function closeAllStreams(message: string): number {
  const all = [...openStreams()];
  for (const s of all) s.reconnect(message);
  return all.length;
}

/** Open streams of a user in this process (tests and metrics). */
export function openStreamCount(userId: number): number {
  return [...openStreams()].filter((s) => s.owner.userId === userId).length;
}

export type SseEvent = { event: string; version?: number; data: unknown };

/** The id a stream gives an event of `version` ("<boot>.<version>"). */
export function eventId(version: number): string {
  return `${BOOT}.${version}`;
}

/** The version a Last-Event-ID names, if it came from this process. */
export function resumedVersion(lastEventId: string | null): number | null {
  if (!lastEventId) return null;
  const [boot, v] = lastEventId.split(".");
  const n = Number(v);
  return boot === BOOT && Number.isInteger(n) ? n : null;
}

function frame(e: SseEvent): string {
  const id = e.version !== undefined ? `id: ${eventId(e.version)}\n` : "";
  return `${id}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/**
 * A text/event-stream Response. `start` subscribes and returns its unsubscribe; `send` frames an
 * event. Every HEARTBEAT_MS a comment keeps proxies from closing the connection and `allowed()`
 * is asked again: when it says no, a `signed-out` event ends the stream.
 */
export function eventStream(opts: {
  /** Which stream, for the open-streams gauge ("batch", "live"). */
  name: string;
  signal: AbortSignal;
  start(send: (e: SseEvent) => void, close: () => void): () => void;
  allowed(): Promise<boolean>;
  heartbeatMs?: number;
  allowedCheckMs?: number;
  /** Counted against its user's cap (see admitStream) when given. */
  owner?: StreamOwner;
  maxPerUser?: number;
}): Response {
  if (opts.owner) admitStream(opts.owner, opts.maxPerUser ?? 10);
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        if (!open) return;
        open = false;
        metrics().sseClients.dec({ stream: opts.name });
        clearInterval(beat);
        clearInterval(check);
        if (registered) openStreams().delete(registered);
        unsubscribe();
        opts.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      let unsubscribe = () => {};
      metrics().sseClients.inc({ stream: opts.name });
      // Reconnect after 3 s if the connection drops (the browser sends Last-Event-ID).
      write("retry: 3000\n\n");
      const beat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), opts.heartbeatMs ?? HEARTBEAT_MS);
      let checking = false;
      const check = setInterval(
        () =>
          void (async () => {
            if (checking) return;
            checking = true;
            // The store not answering says nothing about the person: the stream stays (its data comes
            // from memory) and the check runs again; only a real "no" signs out.
            const ok = await opts.allowed().catch((err: unknown) => isApiError(err) && err.code === "store_unavailable");
            checking = false;
            if (!ok) {
              write(frame({ event: "signed-out", data: { message: "Your session ended. Sign in again." } }));
              close();
            }
          })(),
        opts.allowedCheckMs ?? ALLOWED_CHECK_MS,
      );
      const registered: OpenStream | null = opts.owner
        ? {
            owner: opts.owner,
            openedAt: Date.now(),
            replace: () => {
              write(frame({ event: "replaced", data: { message: "Live updates moved to a newer tab of this console." } }));
              close();
            },
            reconnect: (message: string) => {
              write(frame({ event: "reconnect", data: { message } }));
              close();
            },
          }
        : null;
      if (registered) openStreams().add(registered);
      // Last: `start` may close the stream at once (a batch already gone), which clears the above.
      unsubscribe = opts.start((e) => write(frame(e)), close);
      if (!open) unsubscribe();
      opts.signal.addEventListener("abort", close, { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: keeps compression (which buffers) away from the stream.
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

import { metrics } from "@/lib/observability/metrics";
import "server-only";
// Server-Sent Events for the console's live data: framing, heartbeats, Last-Event-ID resume and
// the periodic "are you still signed in" check. One stream per browser tab.

const encoder = new TextEncoder();
/** Distinguishes event ids across restarts: a Last-Event-ID from an earlier process is ignored. */
const BOOT = Date.now().toString(36);
export const HEARTBEAT_MS = 15_000;

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
}): Response {
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
        unsubscribe();
        opts.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      metrics().sseClients.inc({ stream: opts.name });
      // Reconnect after 3 s if the connection drops (the browser sends Last-Event-ID).
      write("retry: 3000\n\n");
      const unsubscribe = opts.start((e) => write(frame(e)), close);
      const beat = setInterval(async () => {
        if (!(await opts.allowed().catch(() => false))) {
          write(frame({ event: "signed-out", data: { message: "Your session ended. Sign in again." } }));
          close();
          return;
        }
        write(`: heartbeat ${new Date().toISOString()}\n\n`);
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
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

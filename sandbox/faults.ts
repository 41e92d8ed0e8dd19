// Fault injection for /api/v1 routes, so tests (and demos) can exercise latency, 5xx and timeouts.
import type { MiddlewareHandler } from "hono";

export interface Faults {
  latency_ms: number;
  error_rate: number;
  error_status: number;
  hang: boolean;
  /** Streamed answers (results) stop after this many bytes, as if the connection dropped; 0 = whole. */
  truncate_after_bytes: number;
  /** Only requests whose method and path ("PUT /api/v1/outbound/batches/b1") contain this are affected; "" = all. */
  only: string;
}

export const NO_FAULTS: Faults = { latency_ms: 0, error_rate: 0, error_status: 503, hang: false, truncate_after_bytes: 0, only: "" };

export class FaultInjector {
  faults: Faults;
  /** Resolvers of hung requests, released on close so the process can exit. */
  private readonly hung = new Set<() => void>();
  /** Requests a fault is holding right now (hung or delayed): a test can wait for its call to arrive instead of guessing how long it takes. */
  held = 0;

  constructor(initial: Partial<Faults> = {}) {
    this.faults = { ...NO_FAULTS, ...initial };
  }

  set(patch: Partial<Faults>): Faults {
    this.faults = { ...this.faults, ...patch };
    return this.faults;
  }

  reset(): Faults {
    this.faults = { ...NO_FAULTS };
    return this.faults;
  }

  releaseAll(): void {
    for (const release of this.hung) release();
    this.hung.clear();
  }

  /** `body`, cut after `truncate_after_bytes` (then errored: the client sees the connection drop). */
  truncated(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const limit = this.faults.truncate_after_bytes;
    if (limit <= 0) return body;
    let sent = 0;
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if (sent >= limit) return;
          const part = chunk.subarray(0, limit - sent);
          sent += part.length;
          controller.enqueue(part);
          if (sent >= limit) controller.error(new Error("Injected truncation"));
        },
      }),
    );
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const f = this.faults;
      if (f.only && !`${c.req.method} ${new URL(c.req.url).pathname}`.includes(f.only)) return next();
      if (f.hang) {
        this.held++;
        await new Promise<void>((resolve) => {
          const release = () => {
            this.hung.delete(release);
            resolve();
          };
          this.hung.add(release);
          c.req.raw.signal?.addEventListener("abort", release, { once: true });
        }).finally(() => this.held--);
        return c.json({ detail: "Injected hang released" }, 503);
      }
      if (f.latency_ms > 0) {
        this.held++;
        await new Promise((r) => setTimeout(r, f.latency_ms)).finally(() => this.held--);
      }
      if (f.error_rate > 0 && Math.random() < f.error_rate) {
        return c.json({ detail: "Injected fault" }, f.error_status as 503);
      }
      await next();
    };
  }
}

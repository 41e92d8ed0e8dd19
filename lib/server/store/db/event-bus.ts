// The store's event bus, the one part that is not a query: in one process an emitter is the whole
// bus (SQLite: one console per file); between instances on Postgres, LISTEN/NOTIFY.
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { EventBus } from "../types";

/** The one NOTIFY channel; each message names the bus channel it is for. */
const NOTIFY_CHANNEL = "outbound_console_events";
/** Postgres refuses NOTIFY payloads from 8,000 bytes. */
const MAX_NOTIFY_BYTES = 7_900;

function emitter(): EventEmitter {
  const e = new EventEmitter();
  // Many viewers may listen to one channel; that is expected, not a leak.
  e.setMaxListeners(0);
  return e;
}

export function inProcessEvents(): EventBus & { close(): Promise<void> } {
  const e = emitter();
  return {
    async publish(channel, payload) {
      e.emit(channel, payload);
    },
    subscribe(channel, listener) {
      e.on(channel, listener);
      return () => e.off(channel, listener);
    },
    async close() {
      e.removeAllListeners();
    },
  };
}

/**
 * Across instances: publish is NOTIFY (delivered to every listening instance, this one included,
 * in commit order); one dedicated connection LISTENs and re-connects after a loss (events sent
 * meanwhile are missed: subscribers treat the bus as a nudge, not a log).
 */
export function notifyEvents(connectionString: string, pool: pg.Pool): EventBus & { close(): Promise<void> } {
  const e = emitter();
  const origin = crypto.randomUUID();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const listen = async () => {
    if (closed || client) return;
    const c = new pg.Client({ connectionString });
    c.on("notification", (msg) => {
      if (msg.channel !== NOTIFY_CHANNEL || !msg.payload) return;
      try {
        const { channel, payload } = JSON.parse(msg.payload) as { channel: string; payload: unknown; origin: string };
        e.emit(channel, payload);
      } catch {
        // not ours
      }
    });
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void listen(), 1_000);
    };
    c.on("error", lost);
    c.on("end", lost);
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
      client = c;
    } catch {
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void listen(), 1_000);
    }
  };
  const started = listen();
  return {
    async publish(channel, payload) {
      const message = JSON.stringify({ channel, payload, origin });
      if (Buffer.byteLength(message) > MAX_NOTIFY_BYTES)
        throw new Error(`An event on ${channel} is too large to send between instances (${Buffer.byteLength(message)} bytes).`);
      await started;
      await pool.query("SELECT pg_notify($1, $2)", [NOTIFY_CHANNEL, message]);
    },
    subscribe(channel, listener) {
      e.on(channel, listener);
      return () => e.off(channel, listener);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}

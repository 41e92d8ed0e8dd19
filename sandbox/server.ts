// Builds the sandbox: a Syllable-compatible outbound API over SQLite with simulated time.
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SimClock } from "./clock";
import { getMeta, openDb, type Db } from "./db";
import { Engine } from "./engine";
import { FaultInjector, type Faults } from "./faults";
import { allowedMethods } from "./routes/allowed-methods";
import { batchRoutes } from "./routes/batches";
import { campaignRoutes } from "./routes/campaigns";
import { controlRoutes } from "./routes/control";
import { seedHistoryIfMissing, seedHugeIfMissing, seedIfEmpty } from "./seed";
import { HttpError, ValidationFailure } from "./validation";

export type { Faults } from "./faults";

export interface SandboxOptions {
  dataDir: string;
  apiKey?: string;
  speed?: number;
  seed?: boolean;
  /** Also seed the million-request batch (SANDBOX_SEED_HUGE=1). */
  seedHuge?: boolean;
  /** Also seed 30 days of finished batches for the reports (SANDBOX_SEED_HISTORY, on by default from the CLI). */
  seedHistory?: boolean;
  faults?: Partial<Faults>;
}

export interface Sandbox {
  app: Hono;
  listen(port?: number): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
  clock: SimClock;
  engine: Engine;
  db: Db;
  faults: FaultInjector;
}

/** Creates (and seeds, on an empty DB) a sandbox; call listen() to serve it over HTTP. */
export async function createSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const apiKey = opts.apiKey ?? "sandbox";
  const db = openDb(opts.dataDir);
  const clock = new SimClock(db, opts.speed ?? 60);
  if (opts.seed ?? true) seedIfEmpty(db, clock.now());
  if (opts.seedHuge) seedHugeIfMissing(db, clock.now());
  if (opts.seedHistory && getMeta(db, "seeded") !== undefined) seedHistoryIfMissing(db, clock.now());
  const engine = new Engine(db, clock);
  const faults = new FaultInjector(opts.faults);
  const deps = { db, clock, engine, faults };

  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    // The console derives ETAs from simulated time, so every answer says what "now" is.
    c.res.headers.set("X-Sandbox-Now", clock.nowIso());
  });
  const requireKey = async (c: import("hono").Context, next: () => Promise<void>) => {
    if (c.req.header("Syllable-API-Key") !== apiKey) return c.json({ detail: "Invalid or missing API key" }, 401);
    await next();
  };
  app.use("/api/v1/*", faults.middleware());
  app.use("/api/v1/*", requireKey);
  app.use("/__sandbox/*", requireKey);
  app.route("/api/v1/outbound/batches", batchRoutes(deps));
  app.route("/api/v1/outbound/campaigns", campaignRoutes(deps));
  app.route("/__sandbox", controlRoutes(deps));
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    if (allowed && !allowed.includes(c.req.method)) {
      return c.json({ detail: "Method Not Allowed" }, 405, { Allow: allowed.join(", ") });
    }
    return c.json({ detail: "Not Found" }, 404);
  });
  app.onError((err, c) => {
    if (err instanceof ValidationFailure) return c.json({ detail: err.errors }, 422);
    if (err instanceof HttpError) return c.json({ detail: err.detail }, err.status);
    console.error("sandbox error", err);
    return c.json({ detail: "Internal Server Error" }, 500);
  });

  engine.start();
  let server: Server | undefined;

  return {
    app,
    clock,
    engine,
    db,
    faults,
    listen(port = 0) {
      return new Promise((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => {
          resolve({ port: info.port, url: `http://127.0.0.1:${info.port}` });
        }) as Server;
        s.once("error", reject);
        server = s;
      });
    },
    async close() {
      engine.stop();
      faults.releaseAll();
      if (server) {
        const s = server;
        server = undefined;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      }
      clock.persist();
      db.close();
    },
  };
}

// Integration-test harness for /api route handlers: a real in-process sandbox on a random port,
// a real SQLite store in a temp DATA_DIR, and handlers called directly with `new Request(...)`.
//
// The ONE thing faked is who is signed in (`identify()` for handlers, `getCurrentUser()` for
// pages): a real sealed session cookie per role would only re-test session.test.ts. Each test
// file opts in with
//
//   vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
//
// and `h.call(..., { role })` chooses who is signed in for that call (role: null = anonymous).
// Everything else (sandbox HTTP, the Syllable client, audit, snapshots) is the real code.
//
// Use one harness per test file (vitest runs files in separate processes): the Syllable client
// and the store are process-wide singletons configured on first use.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Role } from "@/lib/schemas/roles";
import { resetConfigForTests } from "@/lib/server/env";
import { openApiProblems } from "./openapi-check";

type SessionUser = { id: number; email: string; role: Role };

const USER_IDS: Record<Role, number> = { supervisor: 1, manager: 2, admin: 3 };
let activeUser: SessionUser | null = null;

/** Drop-in replacement for "@/lib/server/auth/current-user" (see the note at the top). */
export const currentUserModule = {
  // Reads activeUser synchronously at call time, so concurrent h.call()s with different roles do not mix.
  getCurrentUser: async (): Promise<SessionUser | null> => activeUser,
  identify: async (): Promise<SessionUser | null> => activeUser,
};

/** A route handler as Next exports it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteHandler = (req: Request, ctx: { params: Promise<any> }) => Response | Promise<Response>;

export type CallOptions = {
  /** Who is signed in; null = anonymous. Default "admin". */
  role?: Role | null;
  /** Route params, e.g. { batchId: "abc" }. */
  params?: Record<string, string>;
  /** JSON body (method defaults to POST). */
  json?: unknown;
  /** Raw body, e.g. FormData for uploads (method defaults to POST). */
  body?: BodyInit;
  /** Default GET, or POST when a body is given. */
  method?: string;
  headers?: Record<string, string>;
  /** The Origin header; default the console's own ("http://console.test"), null for none. */
  origin?: string | null;
  /** Aborts the request (ends an event stream as a closed browser tab would). */
  signal?: AbortSignal;
};

export type Harness = {
  /** Base URL of the in-process sandbox (the "upstream"). */
  sandboxUrl: string;
  /** The sandbox's API key (what the console sends as Syllable-API-Key). */
  apiKey: string;
  /** Calls a route handler as `role`; `path` is the console path incl. query, e.g. "/api/batches?page=1". */
  call(handler: RouteHandler, path: string, opts?: CallOptions): Promise<Response>;
  /** Calls the sandbox directly: control endpoints ("/__sandbox/advance") or the Syllable API ("/api/v1/outbound/..."). */
  sandbox<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Moves simulated time forward (the sandbox runs with speed 0). */
  advance(minutes: number): Promise<unknown>;
  /** Sets sandbox faults, e.g. { error_rate: 1, error_status: 502 } or { hang: true }; `null` resets them. */
  faults(
    patch: { latency_ms?: number; error_rate?: number; error_status?: number; hang?: boolean; truncate_after_bytes?: number; only?: string } | null,
  ): Promise<unknown>;
  /** The in-process sandbox itself (clock, engine, db) for setup that the API cannot express. */
  instance: Awaited<ReturnType<typeof import("@/sandbox/server").createSandbox>>;
  close(): Promise<void>;
};

/**
 * Starts a sandbox on a random port with a fresh data dir, points the console's config at it
 * (SANDBOX_PORT, DATA_DIR, no SYLLABLE_API_KEY) and returns helpers. `seed` loads the demo data
 * (includes a 100k-request batch; a few seconds), default false.
 */
export async function startHarness(opts: { seed?: boolean; seedHistory?: boolean; timeoutMs?: number } = {}): Promise<Harness> {
  const root = mkdtempSync(path.join(os.tmpdir(), "oc-harness-"));
  const apiKey = "sandbox";
  const { createSandbox } = await import("@/sandbox/server");
  const sandbox = await createSandbox({ dataDir: path.join(root, "sandbox"), speed: 0, seed: opts.seed ?? false, seedHistory: opts.seedHistory, apiKey });
  const { url } = await sandbox.listen(0);
  const port = new URL(url).port;

  delete process.env.SYLLABLE_API_KEY;
  process.env.SANDBOX_PORT = port;
  process.env.SANDBOX_API_KEY = apiKey;
  process.env.DATA_DIR = path.join(root, "console");
  if (opts.timeoutMs) process.env.SYLLABLE_TIMEOUT_MS = String(opts.timeoutMs);
  resetConfigForTests();

  const sandboxCall = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(url.replace(/\/$/, "") + p, {
      method,
      headers: { "Syllable-API-Key": apiKey, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${p}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  return {
    sandboxUrl: url,
    apiKey,
    async call(handler, p, o = {}) {
      const role = o.role === undefined ? "admin" : o.role;
      let body: BodyInit | undefined = o.body;
      const headers: Record<string, string> = { ...o.headers };
      if (o.json !== undefined) {
        body = JSON.stringify(o.json);
        headers["Content-Type"] ??= "application/json";
      }
      const method = o.method ?? (body !== undefined ? "POST" : "GET");
      // As the console's own pages send it (same origin); a test passes `origin: null` to omit it.
      if (o.origin !== null) headers["Origin"] ??= o.origin ?? "http://console.test";
      const req = new Request(`http://console.test${p}`, { method, headers, body, signal: o.signal });
      activeUser = role ? { id: USER_IDS[role], email: `${role}@sandbox.local`, role } : null;
      const res = await handler(req, { params: Promise.resolve(o.params ?? {}) });
      // Every answer an integration test receives must match the API's own OpenAPI document.
      // An event stream never ends: only its status and type are checked; the test reads it.
      const type = res.headers.get("content-type") ?? "";
      const problems = openApiProblems(method, p, res.status, type, type.startsWith("text/event-stream") ? "" : await res.clone().text());
      if (problems.length) throw new Error(`The answer does not match /api/openapi.json:\n  ${problems.join("\n  ")}`);
      return res;
    },
    sandbox: sandboxCall,
    advance: async (minutes) => {
      const out = await sandboxCall("POST", "/__sandbox/advance", { minutes });
      // The live engine serves a batch from memory for one cadence; after a jump in time, a
      // test's next read must not be served the copy from before it.
      (await import("@/lib/server/live")).getLiveEngine().expireAll();
      return out;
    },
    faults: async (patch) => {
      if (patch) return sandboxCall("POST", "/__sandbox/faults", patch);
      // A healthy upstream again: forget the failures the breaker counted while faults were on.
      (await import("@/lib/server/syllable/http")).resetBreakersForTests();
      return sandboxCall("DELETE", "/__sandbox/faults");
    },
    instance: sandbox,
    async close() {
      await sandbox.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

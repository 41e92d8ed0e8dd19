// A second console process of our own (from the e2e build), for tests that kill and restart it.
// It runs in live mode against the shared e2e sandbox, with its own data dir and port, and is
// started as plain `node --import tsx` so that a SIGKILL hits the process that serves.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../../tests/support/free-port";
import { SANDBOX_KEY, SANDBOX_URL } from "./env";

const root = path.resolve(import.meta.dirname, "..", "..");

export { freePort };

export type ConsoleProcess = { url: string; child: ChildProcess; output: () => string };

/** Overrides for a console that is not the e2e one (the benchmarks point it elsewhere). */
export type ConsoleEnv = Record<string, string>;

export function envFor(dataDir: string, port: number, extra: ConsoleEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: ".next-e2e",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATA_DIR: dataDir,
    SYLLABLE_API_KEY: SANDBOX_KEY,
    SYLLABLE_BASE_URL: SANDBOX_URL,
    SYLLABLE_TIMEOUT_MS: "15000",
    // Live mode needs the console's own address (scripts/serve.ts refuses to start without it).
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // The shared e2e sandbox's batches dial whatever the hour the suite runs (the scheduler spec turns it on for its batch).
    CALLING_HOURS: "off",
    ...extra,
  };
}

/** Adds a user with the users CLI (what an operator would do). */
export function addUser(dataDir: string, email: string, role: string, password: string, extra: ConsoleEnv = {}): void {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/users.ts", "add", email, role], {
    cwd: root,
    env: envFor(dataDir, 3999, extra),
    input: `${password}\n`,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`users add failed: ${r.stderr || r.stdout}`);
}

/** Starts the console's front server on `port` and waits until it serves /login. */
export async function startConsole(dataDir: string, port: number, extra: ConsoleEnv = {}): Promise<ConsoleProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: root,
    env: envFor(dataDir, port, extra),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the console exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the console did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, output: () => log };
}

/** Signs in through the API; returns the headers a same-origin script would send. */
export async function signInHeaders(url: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { Cookie: cookie, Origin: url };
}

// `npm start`: builds the console if there is no build yet, starts the embedded sandbox when no
// SYLLABLE_API_KEY is set (sandbox mode), then serves the console. Ctrl-C stops everything.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { EnvError, loadConfig, type ConsoleConfig } from "../lib/server/load-config";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const tsxBin = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const distDir = process.env.NEXT_DIST_DIR || ".next";

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

let config: ConsoleConfig;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof EnvError) fail(err.message);
  throw err;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, "0.0.0.0", () => probe.close(() => resolve(true)));
  });
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listened on port ${port} within ${timeoutMs / 1000} s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  // The console drains requests in flight for up to DRAIN_S after SIGTERM: wait for it (and the
  // sandbox), a little longer than that at most, then leave.
  setTimeout(() => process.exit(code), config.drainMs + 5_000).unref();
  void Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r))))).then(() => process.exit(code));
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  children.push(child);
  child.once("exit", (code, signal) => {
    if (!stopping) {
      console.error(`\n✖ The ${name} stopped (${signal ?? `exit code ${code}`}); stopping the console.`);
      stopAll(code || 1);
    }
  });
  return child;
}

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

async function main() {
  if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.log(`No build in ${distDir}/ yet: building the console (takes a minute or two)…`);
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: process.env });
    if (build.status !== 0) fail("The build failed; see the messages above.");
    spawnSync(process.execPath, [tsxBin, "scripts/precompress-static.ts"], { cwd: root, stdio: "inherit", env: process.env });
  }

  if (!(await portIsFree(config.port))) fail(`Port ${config.port} is already in use. Stop what runs there or set PORT.`);

  if (config.mode === "sandbox") {
    const sandboxPort = Number(new URL(config.baseUrl).port);
    if (!(await portIsFree(sandboxPort))) fail(`Port ${sandboxPort} (the sandbox) is already in use. Stop what runs there or set SANDBOX_PORT.`);
    console.log(`No SYLLABLE_API_KEY set: starting the embedded Syllable sandbox on port ${sandboxPort}.`);
    run("sandbox", [tsxBin, "sandbox/main.ts"], {
      ...process.env,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_API_KEY: config.apiKey,
      DATA_DIR: config.dataDir,
    });
    await waitForPort(sandboxPort, 60_000).catch((err: Error) => {
      stopAll(1);
      fail(`The sandbox did not start: ${err.message}`);
    });
  } else {
    console.log(`Live mode: the console talks to ${config.baseUrl}.`);
  }

  // Not `next start`: scripts/serve.ts wraps Next to put security headers on every response.
  run("console", [tsxBin, "scripts/serve.ts"], { ...process.env, PORT: String(config.port), NODE_ENV: "production" });
  await waitForPort(config.port, 60_000);
  console.log(`\nOutbound Console (${config.mode}) is ready on http://localhost:${config.port}  — Ctrl-C stops it.\n`);
}

main().catch((err: unknown) => {
  stopAll(1);
  fail(err instanceof Error ? err.message : String(err));
});

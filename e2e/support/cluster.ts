// Several console instances on one real Postgres behind a real HAProxy (Debian's), configured by
// deploy/haproxy.cfg, the file the deployment docs use. Each part runs in a temp dir on free ports.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgres, type PostgresCluster } from "../../tests/support/postgres";
import { addUser, freePort, startConsole, type ConsoleEnv, type ConsoleProcess } from "./console-process";

const root = path.resolve(import.meta.dirname, "..", "..");

export type Cluster = {
  lbUrl: string;
  pg: PostgresCluster;
  databaseUrl: string;
  consoles: ConsoleProcess[];
  /** Starts instance i again (after kill), same port. */
  restart(i: number): Promise<void>;
  stop(): void;
};

function haproxyBin(): string {
  for (const p of ["/usr/sbin/haproxy", "/usr/bin/haproxy"]) if (fs.existsSync(p)) return p;
  throw new Error("HAProxy is not installed: the multi-instance tests need Debian's `haproxy` package (apt-get install haproxy; .ci/run does it).");
}

/**
 * Postgres, `n` consoles sharing it (each with its own DATA_DIR), HAProxy round robin in front.
 * n = 1 (the benchmark's baseline) points both of the file's server lines at the one instance.
 */
export async function startCluster(
  opts: { n?: number; env?: ConsoleEnv; users?: Array<{ email: string; role: string; password: string }> } = {},
): Promise<Cluster> {
  const n = opts.n ?? 2;
  const pg = await startPostgres();
  const databaseUrl = pg.createDatabase("console");
  const dirs = Array.from({ length: n }, () => fs.mkdtempSync(path.join(os.tmpdir(), "oc-instance-")));
  const ports = await Promise.all(dirs.map(() => freePort()));
  const lbPort = await freePort();
  // The balancer is the console's address; the tests also write to each instance directly.
  const env: ConsoleEnv = {
    DATABASE_URL: databaseUrl,
    TRUST_PROXY: "1",
    PUBLIC_URL: `http://127.0.0.1:${lbPort}`,
    ALLOWED_ORIGINS: ports.map((p) => `http://127.0.0.1:${p}`).join(","),
    ...opts.env,
  };
  for (const u of opts.users ?? []) addUser(dirs[0]!, u.email, u.role, u.password, env);
  const consoles = await Promise.all(dirs.map((d, i) => startConsole(d, ports[i]!, env)));
  const haproxy: ChildProcess = spawn(haproxyBin(), ["-db", "-f", path.join(root, "deploy", "haproxy.cfg")], {
    env: { ...process.env, LB_BIND: `127.0.0.1:${lbPort}`, CONSOLE_1: `127.0.0.1:${ports[0]}`, CONSOLE_2: `127.0.0.1:${ports[1] ?? ports[0]}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let lbLog = "";
  haproxy.stdout!.on("data", (d: Buffer) => (lbLog += d.toString()));
  haproxy.stderr!.on("data", (d: Buffer) => (lbLog += d.toString()));
  const lbUrl = `http://127.0.0.1:${lbPort}`;
  // Ready when both server lines answer through the balancer (its health checks have passed).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (haproxy.exitCode !== null) throw new Error(`haproxy exited:\n${lbLog}`);
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${lbUrl}/api/health/live`).catch(() => null);
      if (r?.ok) served.add(r.headers.get("x-served-by") ?? "");
    }
    if (served.size === 2) break;
    if (Date.now() > deadline) throw new Error(`the balancer did not reach its servers (saw ${[...served].join(", ")}):\n${lbLog}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    lbUrl,
    pg,
    databaseUrl,
    consoles,
    async restart(i) {
      consoles[i] = await startConsole(dirs[i]!, ports[i]!, env);
    },
    stop() {
      haproxy.kill("SIGKILL");
      for (const c of consoles) c.child.kill("SIGKILL");
      pg.remove();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

/** psql against the cluster's database (reads for assertions). */
export function sql(c: Cluster, query: string): string {
  const r = spawnSync("psql", [c.databaseUrl, "-At", "-c", query], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

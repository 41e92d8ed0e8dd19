// The folder the image runs (deploy/Dockerfile copies Next's standalone output, which
// scripts/package-standalone.ts completes), run as the image runs it, but as a process: copied
// away from the repository (so nothing resolves from the repository's node_modules), a user added
// with its users CLI, the bundled front server in live mode against the e2e sandbox.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, signInHeaders } from "./support/console-process";
import { SANDBOX_KEY, SANDBOX_URL } from "./support/env";

const DIST = ".next-e2e";
const ADMIN = { email: "image-admin@example.com", password: "copper-lantern-fjord-38" };

test("the standalone folder serves the console on its own: pages, API, compressed static files, users CLI, drain on SIGTERM", async () => {
  test.setTimeout(120_000);
  const built = path.resolve(DIST, "standalone");
  expect(fs.existsSync(path.join(built, "scripts", "serve.mjs")), "npm run build completes the standalone folder").toBe(true);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "oc-image-"));
  const app = path.join(work, "app");
  const data = path.join(work, "data");
  fs.cpSync(built, app, { recursive: true, verbatimSymlinks: true });
  fs.mkdirSync(data, { mode: 0o700 });
  // What the image holds: no sources, no dev tools.
  for (const absent of ["app", "lib", "e2e", "sandbox", "node_modules/typescript", "node_modules/tsx", "node_modules/@playwright", "node_modules/vitest"]) {
    expect(fs.existsSync(path.join(app, absent)), `${absent} in the image's folder`).toBe(false);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATA_DIR: data,
    SYLLABLE_API_KEY: SANDBOX_KEY,
    SYLLABLE_BASE_URL: SANDBOX_URL,
    PUBLIC_URL: url,
    // As every e2e console: the shared sandbox's batches dial at any hour.
    CALLING_HOURS: "off",
  };
  const added = spawnSync(process.execPath, ["scripts/users.mjs", "add", ADMIN.email, "admin"], {
    cwd: app,
    env,
    input: `${ADMIN.password}\n`,
    encoding: "utf8",
  });
  expect(added.status, added.stderr).toBe(0);

  const server = spawn(process.execPath, ["scripts/serve.mjs"], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(async () => (await fetch(`${url}/api/health/live`).catch(() => null))?.status, { timeout: 60_000, message: log }).toBe(200);
    const auth = await signInHeaders(url, ADMIN.email, ADMIN.password);
    const list = await fetch(`${url}/api/batches`, { headers: auth });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const page = await fetch(`${url}/batches`, { headers: auth });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Batches");
    const script = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
    expect(script).toBeDefined();
    const chunk = await fetch(`${url}${script}`, { headers: { "Accept-Encoding": "br" } });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get("content-encoding")).toBe("br");
    expect((await fetch(`${url}/icon.svg`)).status).toBe(200); // public/
    // The phone-number zone data is read from the folder's own node_modules (traced in).
    const zones = await fetch(`${url}/api/calling-hours/zones`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ numbers: ["+12125550100", "+18085550100"] }),
    });
    expect(zones.status, log).toBe(200);
    expect(((await zones.json()) as { groups: Array<{ key: string }> }).groups.map((g) => g.key).sort()).toEqual(["America/New_York", "Pacific/Honolulu"]);
    server.kill("SIGTERM");
    expect(await exited, log).toBe(0);
    expect(log).not.toMatch(/"level":50/); // no error logged
  } finally {
    server.kill("SIGKILL");
    fs.rmSync(work, { recursive: true, force: true });
  }
});

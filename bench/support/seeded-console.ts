// A production console against a seeded, frozen sandbox (the 100k batch included), signed in as
// an admin: what the page-weight and Lighthouse benchmarks load pages from. Builds .next-e2e
// (with its Brotli copies) when there is no build.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandbox } from "../../sandbox/server";
import { SEED } from "../../sandbox/seed";
import { addUser, freePort, signInHeaders, startConsole } from "../../e2e/support/console-process";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The pages both benchmarks measure. */
export const ROUTES: Array<{ name: string; path: string; signedIn: boolean }> = [
  { name: "sign-in", path: "/login", signedIn: false },
  { name: "overview", path: "/", signedIn: true },
  { name: "batch list", path: "/batches", signedIn: true },
  { name: "batch detail (100k)", path: `/batches/${SEED.batches.big}`, signedIn: true },
  { name: "campaign list", path: "/campaigns", signedIn: true },
  { name: "campaign detail", path: `/campaigns/${SEED.campaigns.payments}`, signedIn: true },
  { name: "audit", path: "/audit", signedIn: true },
];

/** `/batches/<the 100k batch id>` → `/batches/{100k}`, for reports. */
export const shownPath = (p: string) => p.replace(SEED.batches.big, "{100k}");

/** Builds .next-e2e (the production build the e2e tests run) when there is none. */
export function ensureE2eBuild(): void {
  if (fs.existsSync(path.join(root, ".next-e2e", "BUILD_ID"))) return;
  console.error("no build in .next-e2e/: building");
  const b = spawnSync("npm", ["run", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: ".next-e2e", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (b.status !== 0) process.exit(1);
}

export async function startSeededConsole(): Promise<{ url: string; cookie: string; stop(): Promise<void> }> {
  ensureE2eBuild();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oc-pages-"));
  const sandbox = await createSandbox({ dataDir: path.join(tmp, "sandbox"), speed: 0, seed: true, apiKey: "sandbox" });
  const { url: sandboxUrl } = await sandbox.listen(0);
  const env = { SYLLABLE_BASE_URL: sandboxUrl, SYLLABLE_API_KEY: "sandbox", LOG_LEVEL: "warn" };
  const dataDir = path.join(tmp, "console");
  addUser(dataDir, "bench@example.com", "admin", "quiet-orbit-lantern-48", env);
  const consoleProc = await startConsole(dataDir, await freePort(), env);
  const auth = await signInHeaders(consoleProc.url, "bench@example.com", "quiet-orbit-lantern-48");
  return {
    url: consoleProc.url,
    cookie: auth.Cookie!,
    async stop() {
      consoleProc.child.kill("SIGKILL");
      await sandbox.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function writeResult(name: string, result: unknown): string {
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return path.relative(root, file);
}

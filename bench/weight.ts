// Benchmark: the JavaScript each page makes the browser download before it is interactive, as
// transferred (compressed), up to the load event, measured by loading every page in Debian's Chromium against a
// production build (signed in as an admin; the sandbox seeded, the 100k batch included).
// Budget (issue "Front-end weight"): 160 kB on every page. Writes bench/results/weight.json.
// Run: npm run bench:weight (builds .next-e2e when there is none).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { createSandbox } from "../sandbox/server";
import { SEED } from "../sandbox/seed";
import { addUser, freePort, signInHeaders, startConsole } from "../e2e/support/console-process";

const BUDGET_KB = 160;
const root = path.resolve(import.meta.dirname, "..");
if (!fs.existsSync(path.join(root, ".next-e2e", "BUILD_ID"))) {
  const b = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: ".next-e2e", NEXT_TELEMETRY_DISABLED: "1" } });
  if (b.status !== 0) process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oc-weight-"));
const sandbox = await createSandbox({ dataDir: path.join(tmp, "sandbox"), speed: 0, seed: true, apiKey: "sandbox" });
const { url: sandboxUrl } = await sandbox.listen(0);
const env = { SYLLABLE_BASE_URL: sandboxUrl, SYLLABLE_API_KEY: "sandbox", LOG_LEVEL: "warn" };
const dataDir = path.join(tmp, "console");
addUser(dataDir, "weight@example.com", "admin", "weight-password-123", env);
const consoleProc = await startConsole(dataDir, await freePort(), env);
const auth = await signInHeaders(consoleProc.url, "weight@example.com", "weight-password-123");

const ROUTES: Array<{ name: string; path: string; signedIn: boolean }> = [
  { name: "sign-in", path: "/login", signedIn: false },
  { name: "overview", path: "/", signedIn: true },
  { name: "batch list", path: "/batches", signedIn: true },
  { name: "batch detail (100k)", path: `/batches/${SEED.batches.big}`, signedIn: true },
  { name: "campaign list", path: "/campaigns", signedIn: true },
  { name: "campaign detail", path: `/campaigns/${SEED.campaigns.payments}`, signedIn: true },
  { name: "audit", path: "/audit", signedIn: true },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const rows: Array<{ route: string; path: string; js_kb: number; js_files: number; within_budget: boolean }> = [];
for (const r of ROUTES) {
  const context = await browser.newContext({ baseURL: consoleProc.url, extraHTTPHeaders: r.signedIn ? { Cookie: auth.Cookie! } : {} });
  const page = await context.newPage();
  // Scripts the page loads up to its load event: what it needs to become interactive. (Later
  // ones are Next prefetching the routes its links lead to, while the page is idle.)
  const scripts: Array<Promise<number>> = [];
  let loaded = false;
  page.on("requestfinished", (req) => {
    if (!loaded && req.resourceType() === "script") scripts.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  await page.goto(r.path, { waitUntil: "load" });
  loaded = true;
  const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  const kb = Math.round((bytes / 1024) * 10) / 10;
  rows.push({ route: r.name, path: r.path.replace(SEED.batches.big, "{100k}"), js_kb: kb, js_files: scripts.length, within_budget: kb <= BUDGET_KB });
  await context.close();
}
await browser.close();
consoleProc.child.kill("SIGKILL");
await sandbox.close();
fs.rmSync(tmp, { recursive: true, force: true });

const result = { when: new Date().toISOString(), budget_kb: BUDGET_KB, measure: "JavaScript transferred (compressed, headers included) up to the page's load event, Debian Chromium, production build", routes: rows };
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "weight.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`First-load JavaScript per page (compressed, budget ${BUDGET_KB} kB):`);
for (const r of rows) console.log(`  ${r.route.padEnd(22)} ${String(r.js_kb).padStart(7)} kB in ${r.js_files} files ${r.within_budget ? "✓" : "✗ over budget"}`);
console.log("  → bench/results/weight.json");
process.exit(0);

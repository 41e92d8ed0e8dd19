// Benchmark: the JavaScript each page makes the browser download before it is interactive, as
// transferred (compressed, headers included), up to the load event, measured by loading every
// page in Debian's Chromium against a production build (signed in as an admin; the sandbox
// seeded, the 100k batch included). Budget (issue "Front-end weight"): 160 kB on every page.
// Writes bench/results/weight.json. Run: npm run bench:weight (builds .next-e2e when there is none).
// WEIGHT_DETAIL=1 also lists each script, biggest first: where to look when a page is over budget.
import { chromium } from "@playwright/test";
import { ROUTES, shownPath, startSeededConsole, writeResult } from "./support/seeded-console";

const BUDGET_KB = 160;
const app = await startSeededConsole();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const rows: Array<{ route: string; path: string; js_kb: number; js_files: number; within_budget: boolean }> = [];
for (const r of ROUTES) {
  const context = await browser.newContext({ baseURL: app.url, extraHTTPHeaders: r.signedIn ? { Cookie: app.cookie } : {} });
  const page = await context.newPage();
  // Scripts the page loads up to its load event: what it needs to become interactive. (Later
  // ones are Next prefetching the routes its links lead to, and code loaded once the page is idle.)
  const files: Array<Promise<[string, number]>> = [];
  let loaded = false;
  page.on("requestfinished", (req) => {
    if (loaded || req.resourceType() !== "script") return;
    files.push(req.sizes().then((s) => [new URL(req.url()).pathname, s.responseBodySize + s.responseHeadersSize]));
  });
  await page.goto(r.path, { waitUntil: "load" });
  loaded = true;
  const sizes = await Promise.all(files);
  const bytes = sizes.reduce((a, [, n]) => a + n, 0);
  const kb = Math.round((bytes / 1024) * 10) / 10;
  if (process.env.WEIGHT_DETAIL) for (const [f, n] of sizes.sort((a, b) => b[1] - a[1])) console.error(`  ${r.name}: ${(n / 1024).toFixed(1)} kB ${f}`);
  rows.push({ route: r.name, path: shownPath(r.path), js_kb: kb, js_files: sizes.length, within_budget: kb <= BUDGET_KB });
  await context.close();
}
await browser.close();
await app.stop();

const file = writeResult("weight.json", {
  when: new Date().toISOString(),
  budget_kb: BUDGET_KB,
  measure: "JavaScript transferred (compressed, headers included) up to the page's load event, Debian Chromium, production build",
  routes: rows,
});
console.log(`First-load JavaScript per page (compressed, budget ${BUDGET_KB} kB):`);
for (const r of rows)
  console.log(`  ${r.route.padEnd(22)} ${String(r.js_kb).padStart(7)} kB in ${r.js_files} files ${r.within_budget ? "✓" : "✗ over budget"}`);
console.log(`  → ${file}`);
process.exit(rows.every((r) => r.within_budget) ? 0 : 1);

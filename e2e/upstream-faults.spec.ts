import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { CONSOLE_URL } from "./support/env";
import { sandboxControl } from "./support/sandbox";

// Syllable slow, failing half the time, failing always, or hanging (the sandbox's fault
// injection): every page answers within its time budget with a clear sentence, keeps the last
// data it had with a banner saying how old, never says "Live" on stale numbers, and recovers by
// itself when Syllable is back. The e2e console's upstream timeout is 6 s (playwright.config.ts).
const TIMEOUT_S = 6;
// Budget per page: the upstream timeout plus a margin for the render and a busy machine.
const BUDGET_MS = TIMEOUT_S * 1000 + 4000;

async function faults(patch: Record<string, unknown> | null) {
  await (patch ? sandboxControl("POST", "/__sandbox/faults", patch) : sandboxControl("DELETE", "/__sandbox/faults"));
}

/** Waits until the console reaches Syllable again (its circuit breaker closed): the next test starts healthy. */
async function consoleHealthy() {
  await expect
    .poll(async () => ((await (await fetch(`${CONSOLE_URL}/api/health`)).json()) as { status: string }).status, { timeout: 30_000, intervals: [1000] })
    .toBe("ok");
}

/** Opens `path` and returns how long the document took (ms). */
async function timedGoto(page: import("@playwright/test").Page, path: string): Promise<{ ms: number; status: number }> {
  const started = Date.now();
  const res = await page.goto(path);
  return { ms: Date.now() - started, status: res?.status() ?? 0 };
}

test.describe("pages under upstream faults", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "supervisor");
  });
  test.afterEach(async () => {
    await faults(null);
    await consoleHealthy();
  });

  test("unknown batch and campaign pages answer HTTP 404", async ({ page }) => {
    expect((await page.goto("/batches/no-such-batch-404"))?.status()).toBe(404);
    await expect(page.getByText("Batch not found")).toBeVisible();
    expect((await page.goto("/campaigns/987654"))?.status()).toBe(404);
    expect((await page.goto("/campaigns/not-a-number"))?.status()).toBe(404);
    expect((await page.goto(`/batches/${SEED.batches.payments}`))?.status()).toBe(200);
  });

  test("Syllable failing: a campaign page says so at once and recovers by itself", async ({ page }) => {
    await faults({ error_rate: 1, error_status: 503 });
    const { ms } = await timedGoto(page, `/campaigns/${SEED.campaigns.payments}`);
    const alert = page.getByRole("alert").filter({ hasText: "could not be loaded" });
    await expect(alert).toContainText(/The campaign could not be loaded\. Syllable .*Trying again every 10 s\./);
    await expect(page.getByText(/Server Components|digest|Injected/i)).toHaveCount(0);
    expect(ms).toBeLessThan(BUDGET_MS);
    test.info().annotations.push({ type: "campaign page, 100% errors", description: `${ms} ms` });

    await faults(null);
    // No click: the page tries again by itself (and the breaker half-opens).
    await expect(page.getByRole("heading", { level: 1, name: "Late payment reminders" })).toBeVisible({ timeout: 30_000 });
  });

  test("Syllable failing while a batch is open: last data kept with a banner, not 'Live', back by itself", async ({ page }) => {
    await page.goto(`/batches/${SEED.batches.payments}`);
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    await faults({ error_rate: 1, error_status: 503 });

    const banner = page.getByTestId("stale-banner");
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toContainText(
      /Not up to date\. Showing the last data we have \(updated \d+ s ago\)\. Syllable .*(Trying again every 10 s|keeps trying by itself)\./,
    );
    await expect(page.getByText("Live", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED.batches.payments); // the data stays

    await faults(null);
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
  });

  test("Syllable failing: a fresh batch list shows the error and no 'No batches yet.' under it, then recovers", async ({ page }) => {
    await faults({ error_rate: 1, error_status: 503 });
    // 100 a page: other specs add batches, and the seeded one must be on it.
    const { ms } = await timedGoto(page, "/batches?limit=100");
    await expect(page.getByRole("alert").filter({ hasText: "could not be loaded" })).toContainText(
      /The batch list could not be loaded\. Syllable .*Trying again every 10 s\./,
    );
    await expect(page.getByText("No batches yet.")).toHaveCount(0);
    await expect(page.getByText("Not loaded: see the message above.")).toBeVisible();
    expect(ms).toBeLessThan(BUDGET_MS);
    test.info().annotations.push({ type: "batch list, 100% errors", description: `${ms} ms` });

    await faults(null);
    await expect(page.getByRole("link", { name: SEED.batches.payments })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("alert").filter({ hasText: "could not be loaded" })).toHaveCount(0);
  });

  test("Syllable hanging: a fresh batch page answers within the budget with the error, not a spinner", async ({ page }) => {
    await faults({ hang: true });
    const { ms } = await timedGoto(page, `/batches/${SEED.batches.paused}`);
    // The error, or (when the live engine already knew the batch) its last data, marked stale.
    const error = page.getByRole("alert").filter({ hasText: /The batch could not be loaded\. Syllable (did not answer within 6 s|is not answering)/ });
    const lastKnown = page.getByTestId("stale-banner").filter({ hasText: /Not up to date\. Showing the last data we have/ });
    await expect(error.or(lastKnown)).toBeVisible();
    await expect(page.getByText("Loading batch…")).toHaveCount(0);
    expect(ms).toBeLessThan(BUDGET_MS);
    test.info().annotations.push({ type: "batch page, hang", description: `${ms} ms` });
  });

  test("Syllable slow (3 s a call): the batch list answers within the budget; late rows say progress unavailable", async ({ page }) => {
    await faults({ latency_ms: 3000 });
    const { ms } = await timedGoto(page, "/batches?sort=batch_id&dir=asc&limit=100");
    await expect(page.getByRole("link", { name: SEED.batches.payments })).toBeVisible();
    expect(ms).toBeLessThan(BUDGET_MS);
    // Each row shows its progress or says it is unavailable: never a blank that looks like zero.
    const rows = page.getByRole("row").filter({ has: page.getByRole("link") });
    const n = await rows.count();
    for (let i = 0; i < n; i++) await expect(rows.nth(i)).toContainText(/%|Progress unavailable/);
    test.info().annotations.push({ type: "batch list, 3 s latency", description: `${ms} ms` });
  });

  test("Syllable failing half the time: pages still come up (GETs retried) or say so in a sentence", async ({ page }) => {
    await faults({ error_rate: 0.5, error_status: 503 });
    for (const [path, heading] of [
      [`/batches/${SEED.batches.payments}`, SEED.batches.payments],
      [`/campaigns/${SEED.campaigns.payments}`, "Late payment reminders"],
      ["/batches", "Batches"],
    ] as const) {
      const { ms } = await timedGoto(page, path);
      expect(ms).toBeLessThan(BUDGET_MS);
      await expect(page.getByRole("heading", { level: 1, name: heading }).or(page.getByRole("alert").filter({ hasText: "Syllable" }))).toBeVisible();
      await expect(page.getByText(/Server Components|digest|Injected/i)).toHaveCount(0);
      test.info().annotations.push({ type: `${path}, 50% errors`, description: `${ms} ms` });
    }
  });
});

// The wall view: a URL a screen keeps open. Full screen at 1920×1080 with 40 live batches and no
// scrolling, accessible, pushed updates with a visible clock, and a loud banner once nothing has
// arrived for 30 s.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoSeriousViolations } from "./support/axe";
import { sandboxApi } from "./support/sandbox";
import { SEED } from "../sandbox/seed";

test.use({ viewport: { width: 1920, height: 1080 } });

test("the wall fits 40 batches on 1920×1080 without scrolling, passes axe, and shows its last update", async ({ page }) => {
  const run = Date.now();
  for (let i = 0; i < 40; i++) {
    const id = `wall-${run}-${String(i).padStart(2, "0")}`;
    await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: SEED.campaigns.alwaysOn, paused: i % 5 === 0 });
    await sandboxApi("POST", `/batches/${id}/requests`, { reference_id: "w1", target: `+1512558${String(1000 + i)}`, request_variables: {} });
  }
  await signIn(page, "supervisor");
  await page.getByRole("link", { name: "Wall view" }).click();
  await expect(page).toHaveURL(/\/wall$/);
  const tiles = page.getByTestId("wall-tile");
  await expect(tiles).toHaveCount(40, { timeout: 15_000 });
  // No scrolling, and every tile wholly on screen.
  const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
  expect(size.h).toBeLessThanOrEqual(1080);
  expect(size.w).toBeLessThanOrEqual(1920);
  for (const box of await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.bottom).toBeLessThanOrEqual(1080);
    expect(box.right).toBeLessThanOrEqual(1920);
    expect(box.height).toBeGreaterThan(50); // readable, not squeezed
  }
  // Large type: the batch ids at 18 px or more.
  const fontSize = await tiles
    .first()
    .locator("span")
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(18);
  // Pushed updates: the clock moves without a reload (a tick at least every 5 s).
  const clock = page.getByTestId("wall-clock").locator("time");
  await expect(clock).toHaveText(/^\d\d:\d\d:\d\d$/);
  const first = await clock.textContent();
  await expect(clock).not.toHaveText(first!, { timeout: 12_000 });
  await expect(page.getByTestId("wall-banner")).toHaveCount(0);
  await expectNoSeriousViolations(page, "/wall");
});

test("when updates stop for 30 s the wall says so loudly", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.clock.install();
  // The page arrives with its figures, then nothing more: no stream, no polling answers.
  await page.route("**/api/live**", (route) => route.abort());
  await page.goto("/wall");
  await expect(page.getByTestId("wall-clock").locator("time")).toHaveText(/^\d\d:\d\d:\d\d$/);
  await expect(page.getByTestId("wall-banner")).toHaveCount(0);
  await page.clock.fastForward(31_000);
  await expect(page.getByTestId("wall-banner")).toContainText(/No update for \d+ s: these figures may be out of date\./);
});

test("the wall is for signed-in people only", async ({ page }) => {
  await page.goto("/wall");
  await expect(page).toHaveURL(/\/login\?next=%2Fwall/);
});

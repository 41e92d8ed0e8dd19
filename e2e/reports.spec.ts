// The Reports page over the sandbox's 30 days of history (read into the reports by the sync job):
// headline figures with the change against the period before, outcomes by day that open a day's
// hours, the best hours to reach people, the tables by campaign and batch (a batch opens its
// page), the view in the URL, the CSV of it, axe, and a phone-sized screen.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoSeriousViolations } from "./support/axe";
import { SEED } from "../sandbox/seed";

const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const tenDaysAgo = SEED.historyBatch(10);

test("a supervisor reads a month of outcomes, drills into a day, and opens a batch", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "supervisor");
  // The sync job reads every batch's results within seconds of the console starting.
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/reports/outcomes?from=${day(32)}&to=${day(0)}&group_by=batch`);
        return ((await res.json()) as { rows: Array<{ key: string }> }).rows.filter((r) => r.key.startsWith("seed-history-")).length;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(SEED.historyDays);

  const query = `from=${day(32)}&to=${day(0)}&tz=America%2FNew_York`;
  await page.goto(`/reports?${query}`);
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  const requests = Number((await page.getByTestId("kpi-requests").innerText()).replace(/,/g, ""));
  expect(requests).toBeGreaterThanOrEqual(SEED.historyDays * SEED.historyPerDay);
  await expect(page.getByTestId("kpi-contact_rate")).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByRole("table", { name: /Contact rate by weekday and hour \(America\/New_York\)/ })).toBeVisible();
  await expect(page.getByRole("link", { name: tenDaysAgo })).toBeVisible();
  await expectNoSeriousViolations(page, "reports page");

  // A day's bar opens that day by hour, in the URL (shareable).
  const bars = page.getByRole("group", { name: /Outcomes by day/ }).getByRole("button");
  expect(await bars.count()).toBeGreaterThanOrEqual(30);
  const name = (await bars.nth(5).getAttribute("aria-label"))!;
  const picked = name.slice(0, 10);
  expect(name).toMatch(/^\d{4}-\d{2}-\d{2}: [\d,]+ attempted, [\d,]+ reached, [\d,]+ voicemail, [\d,]+ no answer, [\d,]+ busy$/);
  // Each day as its mix (a quiet day reads beside a busy one), kept in the URL.
  await page.getByLabel("Each day as shares").check();
  await expect(page).toHaveURL(/as=shares/);
  await bars.nth(5).click();
  await expect(page).toHaveURL(new RegExp(`from=${picked}&to=${picked}.*by=hour`));
  await expect(
    page
      .getByRole("group", { name: /Outcomes by hour/ })
      .getByRole("button")
      .first(),
  ).toHaveAttribute("aria-label", new RegExp(`^${picked}T\\d{2}: `));
  await page.goBack();
  await expect(page.getByRole("group", { name: /Outcomes by day/ })).toBeVisible();

  // The CSV is the view shown.
  const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(csvHref).toContain("tz=America%2FNew_York");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split(/\r?\n/)[0]).toMatch(/^day,label,requests,attempted,/);

  await page.getByRole("link", { name: tenDaysAgo }).click();
  await expect(page).toHaveURL(new RegExp(`/batches/${tenDaysAgo}$`));
});

test.describe("a phone-sized screen (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the report fits: the page does not scroll sideways, wide parts scroll within themselves", async ({ page }) => {
    await signIn(page, "supervisor");
    await page.goto(`/reports?from=${day(32)}&to=${day(0)}`);
    await expect(page.getByTestId("kpis")).toBeVisible();
    await expect(page.getByRole("table", { name: /Contact rate by weekday and hour/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

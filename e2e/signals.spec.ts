// What a person sees is true and readable: outcomes filter the results when clicked (the URL
// keeps it, back restores it); at 390 px badges, figures and "UTC" stay whole; bars stay inside
// their chart.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { SEED } from "../sandbox/seed";

test("clicking a channel outcome filters the results to it; the back button restores them", async ({ page }) => {
  await signIn(page, "supervisor", `/batches/${SEED.batches.payments}`);
  const outcomes = page.locator("section").filter({ has: page.getByRole("heading", { name: "Channel outcomes by status" }) });
  const first = outcomes.getByRole("button").first();
  await expect(first).toBeVisible();
  const label = (await first.textContent())!; // "No answer: 31"
  await first.click();
  await expect(first).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/[?&]status=[A-Z_-]+/);
  await expect(page).toHaveURL(/[?&]channel=[A-Z_-]+/);
  // The results hold exactly the requests the outcome counted.
  const count = Number(label.replace(/^.*:\s*/, "").replace(/,/g, ""));
  await expect(page.getByText(new RegExp(`^Rows 1–\\d[\\d,]* of ${count.toLocaleString("en-US")}$`))).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/channel=/);
  await expect(first).toHaveAttribute("aria-pressed", "false");
});

test.describe("a phone-sized screen (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("status badges, progress figures and 'UTC' never break inside themselves", async ({ page }) => {
    await signIn(page, "manager", "/batches");
    const badges = page.locator("table span.ring-1");
    await expect(badges.first()).toBeVisible();
    for (const h of await badges.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(h).toBeLessThan(26);
    const figures = page.locator("table td p span.whitespace-nowrap");
    await expect(figures.first()).toBeVisible();
    for (const h of await figures.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(h).toBeLessThan(20);
    await page.getByRole("button", { name: "New batch" }).click();
    // The "UTC" beside the expiry's time (the start's zone list has a "UTC" option too).
    const utc = page.getByRole("dialog").locator("span").filter({ hasText: /^UTC$/ });
    await expect(utc).toBeVisible();
    expect((await utc.boundingBox())!.height).toBeLessThan(24);
  });

  test("the status chart's bars stay inside their track", async ({ page }) => {
    await signIn(page, "supervisor", `/batches/${SEED.batches.payments}`);
    const tracks = page.getByTestId("status-track");
    await expect(tracks.first()).toBeVisible();
    const overflow = await tracks.evaluateAll((els) =>
      els.map((t) => {
        const bar = t.querySelector("[data-testid=status-bar]")!.getBoundingClientRect();
        return bar.right - t.getBoundingClientRect().right;
      }),
    );
    for (const o of overflow) expect(o).toBeLessThanOrEqual(1);
  });
});

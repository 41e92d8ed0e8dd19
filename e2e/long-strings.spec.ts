import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { sandboxApi } from "./support/sandbox";

// Values from Syllable are not ours to shorten: 5,000-character names, ids and variables must
// wrap or truncate (full value on hover/focus), never widen the page; direction-override
// characters in an id must be shown, not obeyed (no "txt.exe" spoofing).
test("5,000-character values and right-to-left overrides neither widen a page nor reorder its text", async ({ page }) => {
  const long = (prefix: string) => `${prefix}-${"W".repeat(5000)}`;
  const stamp = Date.now();
  const campaign = await sandboxApi<{ id: number }>("POST", "/campaigns", {
    campaign_name: long(`Long campaign ${stamp}`),
    description: long("description"),
    labels: [long("label").slice(0, 300)],
    campaign_variables: { [`var_${stamp}`]: long("value") },
    caller_id: "+15125550000",
    active_days: ["mon", "tue", "wed", "thu", "fri"],
    hourly_rate: 60,
  });
  const longBatch = long(`b${stamp}`);
  await sandboxApi("POST", "/batches", { batch_id: longBatch, campaign_id: campaign.id, paused: true });
  // An id that would read "…-exe.txt" if its override were obeyed; short enough to open as a page.
  const rtlBatch = `rtl-${stamp}-\u202Etxt.exe`;
  await sandboxApi("POST", "/batches", { batch_id: rtlBatch, campaign_id: campaign.id, paused: true });
  await sandboxApi("POST", `/batches/${encodeURIComponent(rtlBatch)}/requests`, {
    reference_id: long("ref").slice(0, 2000),
    target: "+15125550123",
    request_variables: { note: long("note") },
  });

  await signIn(page, "supervisor");
  const viewport = page.viewportSize()!.width;
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  await page.goto(`/batches?field=campaign_id&value=${campaign.id}`);
  await expect(page.getByRole("link", { name: /^b\d+-W+/ })).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(viewport);
  // The cut cell keeps the whole value for hover (title) and keyboard focus.
  const cell = page
    .locator("bdi[title]")
    .filter({ hasText: `b${stamp}` })
    .first();
  await expect(cell).toHaveAttribute("title", longBatch);

  await page.goto(`/batches/${encodeURIComponent(rtlBatch)}`);
  const h1 = page.getByRole("heading", { level: 1 });
  await expect(h1).toHaveText(`rtl-${stamp}-[U+202E]txt.exe`);
  expect(await h1.evaluate((el) => el.textContent ?? "")).not.toContain("\u202E");
  await page
    .getByRole("button", { name: /Show details/ })
    .first()
    .click();
  await expect(page.getByText(/note-W+/)).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(viewport);

  await page.goto(`/campaigns/${campaign.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Long campaign ${stamp}`);
  expect(await pageWidth()).toBeLessThanOrEqual(viewport);

  await page.goto(`/campaigns?q=${encodeURIComponent(`Long campaign ${stamp}`)}`);
  await expect(page.getByRole("link", { name: new RegExp(`Long campaign ${stamp}`) })).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(viewport);
});

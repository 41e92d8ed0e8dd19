// Bulk batch actions on the batch list and stop/resume campaign, in the browser, on a campaign of
// their own (the e2e sandbox is shared: the seeded batches must keep dialing for other specs).
import { anyTimeCampaign } from "../tests/support/campaign-body";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { SANDBOX_KEY, SANDBOX_URL } from "./support/env";
import { sandboxApi } from "./support/sandbox";

type Json = Record<string, unknown>;

async function campaignWithBatches(name: string, batches: Array<[string, boolean]>): Promise<number> {
  const c = await sandboxApi<Json>("POST", "/campaigns", anyTimeCampaign(name));
  for (const [id, paused] of batches) await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: c.id, paused });
  return c.id as number;
}
const isPaused = async (id: string) => (await sandboxApi<Json>("GET", `/batches/${id}`)).paused === true;

test("a manager pauses several batches at once; one Syllable no longer has is named, not skipped", async ({ page }) => {
  const run = Date.now();
  const [a, b, gone] = [`bulk-a-${run}`, `bulk-b-${run}`, `bulk-c-${run}`];
  const cid = await campaignWithBatches(`Bulk ${run}`, [
    [a, false],
    [b, false],
    [gone, false],
  ]);
  await signIn(page, "manager", `/batches?field=campaign_id&value=${cid}`);
  for (const id of [a, b, gone]) await page.getByRole("checkbox", { name: `Select ${id}` }).check();
  await expect(page.getByText(/^3 selected/)).toBeVisible();
  // Deleted behind the console's back after the list was read.
  const del = await fetch(`${SANDBOX_URL}/api/v1/outbound/batches/${gone}`, {
    method: "DELETE",
    headers: { "Syllable-API-Key": SANDBOX_KEY },
    body: new URLSearchParams({ delete_reason: "e2e" }),
  });
  expect(del.status).toBe(200);
  await page.getByRole("group", { name: "Selected batches" }).getByRole("button", { name: "Pause" }).click();
  const dialog = page.getByRole("dialog", { name: "Pause these batches?" });
  await expect(dialog.getByRole("list", { name: "Selected batches" }).getByRole("listitem")).toHaveCount(3);
  await dialog.getByLabel("Reason (optional)").fill("wrong script");
  await dialog.getByRole("button", { name: "Pause 3 batches" }).click();
  const results = dialog.getByTestId("bulk-results");
  await expect(results.getByRole("status")).toHaveText("2 of 3 batches paused; 1 could not be changed.");
  await expect(results.getByRole("listitem").filter({ hasText: gone })).toContainText(/not found/i);
  expect(await isPaused(a)).toBe(true);
  expect(await isPaused(b)).toBe(true);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(/^3 selected/)).toHaveCount(0);

  // The audit page has one entry per batch, with the reason.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, "admin", "/audit");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: `batch:${a}` })
      .first(),
  ).toContainText("batch.pause");
});

test("stop campaign holds every running batch with a reason; resume releases exactly those", async ({ page }) => {
  const run = Date.now();
  const [a, b, held] = [`stop-a-${run}`, `stop-b-${run}`, `stop-held-${run}`];
  const cid = await campaignWithBatches(`Stop ${run}`, [
    [a, false],
    [b, false],
    [held, true],
  ]);
  await signIn(page, "manager", `/campaigns/${cid}`);
  await page.getByRole("button", { name: "Stop campaign" }).click();
  const stop = page.getByRole("dialog", { name: /Stop every running batch/ });
  await stop.getByRole("button", { name: "Stop campaign" }).click();
  await expect(stop.getByText("Give a reason (at least 3 characters)")).toBeVisible();
  await stop.getByLabel("Reason").fill("complaint from a customer");
  await stop.getByRole("button", { name: "Stop campaign" }).click();
  await expect(stop.getByTestId("bulk-results").getByRole("status")).toHaveText("2 batches paused.");
  await stop.getByRole("button", { name: "Done" }).click();
  expect(await isPaused(a)).toBe(true);
  expect(await isPaused(b)).toBe(true);

  await page.getByRole("button", { name: "Resume campaign" }).click();
  const resume = page.getByRole("dialog", { name: /Resume the batches/ });
  await resume.getByLabel("Reason").fill("script fixed");
  await resume.getByRole("button", { name: "Resume campaign" }).click();
  await expect(resume.getByTestId("bulk-results").getByRole("status")).toHaveText("2 batches resumed.");
  expect(await isPaused(a)).toBe(false);
  expect(await isPaused(b)).toBe(false);
  expect(await isPaused(held)).toBe(true); // on hold before the stop, for its own reason
});

test("a supervisor has no bulk selection and no stop campaign", async ({ page }) => {
  const run = Date.now();
  const cid = await campaignWithBatches(`Read-only ${run}`, [[`ro-${run}`, false]]);
  await signIn(page, "supervisor", `/batches?field=campaign_id&value=${cid}`);
  await expect(page.getByRole("link", { name: `ro-${run}` })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await page.goto(`/campaigns/${cid}`);
  await expect(page.getByRole("heading", { name: `Read-only ${run}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop campaign" })).toHaveCount(0);
});

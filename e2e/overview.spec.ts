import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { advanceSandbox, sandboxApi } from "./support/sandbox";

const ALWAYS_ON_CAMPAIGN = SEED.campaigns.alwaysOn;

// The home page: every active or paused batch, live, the ones needing attention first.
test("the overview is the home page, lists active and paused batches, filters in the URL, and moves without a reload", async ({ page }) => {
  const id = `e2e-overview-${Date.now()}`;
  await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: ALWAYS_ON_CAMPAIGN, paused: false });
  for (const n of [1, 2, 3, 4]) await sandboxApi("POST", `/batches/${id}/requests`, { reference_id: `o${n}`, target: `+1512555040${n}`, request_variables: {} });

  await signIn(page, "supervisor");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const table = page.getByRole("table", { name: "Active and paused batches" });
  const pausedRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: SEED.batches.paused }) });
  await expect(pausedRow).toContainText("On hold");
  await expect(page.getByTestId("total-batches")).not.toHaveText("0");

  // The new batch appears (discovery) and moves when calls go out, with no reload.
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: id }) });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId("overview-finished")).toContainText("0 / 4 finished");
  await advanceSandbox(60);
  await expect(row.getByTestId("overview-finished")).not.toContainText("0 / 4 finished", { timeout: 15_000 });

  // Filters live in the URL (shareable).
  await page.getByLabel("Status").selectOption("PAUSED");
  await expect(page).toHaveURL(/status=PAUSED/);
  await expect(pausedRow).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("PAUSED");
  await expect(row).toHaveCount(0);
});

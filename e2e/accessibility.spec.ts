import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { expectNoSeriousViolations } from "./support/axe";

test("the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expectNoSeriousViolations(page, "/login");
});

test.describe("console pages", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
  });

  const pages: Array<[string, string, RegExp]> = [
    ["overview", "/", /Overview/],
    ["batch list", "/batches", /Batches/],
    ["batch detail (100k)", `/batches/${SEED.batches.big}`, /seed-big-100k/],
    ["campaign list", "/campaigns", /Campaigns/],
    ["campaign detail", `/campaigns/${SEED.campaigns.payments}`, /Late payment reminders/],
    ["audit", "/audit", /Audit/],
    ["users", "/users", /Users/],
  ];
  for (const [what, path, heading] of pages) {
    test(`the ${what}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectNoSeriousViolations(page, path);
    });
  }

  // Dialogs and forms, each opened from its page and closed with Escape before the next.
  const dialogs: Array<[string, string]> = [
    ["/batches", "New batch"],
    [`/batches/${SEED.batches.paused}`, "Expiry & rate"],
    [`/batches/${SEED.batches.paused}`, "Upload CSV"],
    [`/batches/${SEED.batches.paused}`, "Add request"],
    [`/batches/${SEED.batches.paused}`, "Delete"],
    ["/campaigns", "New campaign"],
    ["/batches/seed-payments-0401", "Create follow-up batch"],
    ["/users", "Add user"],
  ];
  for (const [path, button] of dialogs) {
    test(`the "${button}" dialog on ${path}`, async ({ page }) => {
      await page.goto(path);
      await page.getByRole("button", { name: button, exact: true }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoSeriousViolations(page, `${button} dialog`);
    });
  }

  for (const button of ["Edit details", "Edit schedule", "Edit variables", "Edit voicemail detection", "Edit webhooks", "Edit targeting"]) {
    test(`the "${button}" form`, async ({ page }) => {
      await page.goto(`/campaigns/${SEED.campaigns.payments}`);
      await page.getByRole("button", { name: button }).click();
      await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
      await expectNoSeriousViolations(page, `${button} form`);
    });
  }
});

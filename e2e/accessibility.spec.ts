import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { expectNoSeriousViolations } from "./support/axe";

test("the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expectNoSeriousViolations(page, "/login");
});

test.describe("console pages", () => {
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
      await signIn(page, "admin", path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectNoSeriousViolations(page, path);
    });
  }

  // Dialogs and forms, each opened from its page and closed with Escape (or Cancel) before the
  // next: one sign-in and one page load per page, a step per dialog.
  const dialogs: Array<[string, string[]]> = [
    ["/batches", ["New batch"]],
    [`/batches/${SEED.batches.paused}`, ["Expiry & rate", "Upload CSV", "Add request", "Delete"]],
    ["/campaigns", ["New campaign"]],
    ["/batches/seed-payments-0401", ["Create follow-up batch"]],
    ["/users", ["Add user"]],
  ];
  for (const [path, buttons] of dialogs) {
    test(`the dialogs on ${path}: ${buttons.join(", ")}`, async ({ page }) => {
      await signIn(page, "admin", path);
      for (const button of buttons) {
        await test.step(`the "${button}" dialog`, async () => {
          await page.getByRole("button", { name: button, exact: true }).click();
          await expect(page.getByRole("dialog")).toBeVisible();
          await expectNoSeriousViolations(page, `${button} dialog`);
          await page.keyboard.press("Escape");
          await expect(page.getByRole("dialog")).toHaveCount(0);
        });
      }
    });
  }

  test("the campaign page's edit forms", async ({ page }) => {
    await signIn(page, "admin", `/campaigns/${SEED.campaigns.payments}`);
    for (const button of ["Edit details", "Edit schedule", "Edit variables", "Edit voicemail detection", "Edit webhooks", "Edit targeting"]) {
      await test.step(`the "${button}" form`, async () => {
        await page.getByRole("button", { name: button }).click();
        const cancel = page.getByRole("button", { name: "Cancel" });
        await expect(cancel).toBeVisible();
        await expectNoSeriousViolations(page, `${button} form`);
        await cancel.click();
        await expect(cancel).toHaveCount(0);
      });
    }
  });
});

import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { sandboxControl } from "./support/sandbox";

// When Syllable fails, every page says so in a sentence with a retry, never a developer message.
test.describe("Syllable failing", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "supervisor");
    await sandboxControl("POST", "/__sandbox/faults", { error_rate: 1, error_status: 503 });
  });
  test.afterEach(async () => {
    await sandboxControl("DELETE", "/__sandbox/faults");
  });

  test("a campaign page shows a readable error and recovers on retry", async ({ page }) => {
    await page.goto(`/campaigns/${SEED.campaigns.payments}`);
    const alert = page.getByRole("alert").filter({ hasText: "could not be loaded" });
    await expect(alert).toHaveText(/The campaign could not be loaded\. Syllable may be slow or unreachable right now\./);
    await expect(page.getByText(/Server Components|digest/i)).toHaveCount(0);

    await sandboxControl("DELETE", "/__sandbox/faults");
    await alert.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Late payment reminders" })).toBeVisible();
  });

  test("a batch page says Syllable failed, in the console's words", async ({ page }) => {
    await page.goto(`/batches/${SEED.batches.paused}`);
    await expect(page.getByRole("alert").filter({ hasText: "Syllable" })).toContainText("Syllable failed to answer (HTTP 503)");
    await expect(page.getByText(/Injected fault|Server Components/i)).toHaveCount(0);
  });
});

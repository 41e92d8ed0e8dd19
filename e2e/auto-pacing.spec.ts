// Auto-paced batches (Syllable's API of August 2026) in the browser: the switch on create, the
// "Auto-paced" badge and pace, and the one-click answer to "won't finish before the expiry".
import { signIn } from "./support/auth";
import { openNewBatchDialog } from "./support/batches";
import { sandboxApi, createBatchThatCannotFinish, sandboxControl } from "./support/sandbox";
import { expect, test } from "./support/test";

const ALWAYS_ON_CAMPAIGN = 3;

test("a manager creates a batch that finishes by its expiry automatically", async ({ page }) => {
  const id = `auto-${Date.now()}`;
  await signIn(page, "manager");
  const create = await openNewBatchDialog(page, id);
  const auto = create.getByRole("switch", { name: "Finish by the expiry automatically" });
  await auto.check();
  await expect(create.getByText(/overrides the call rate/)).toBeVisible();
  // Without an expiry the form says what is missing, at the switch.
  await create.getByRole("button", { name: "Create batch" }).click();
  await expect(create.getByRole("alert").filter({ hasText: "Set an expiry first" })).toBeVisible();
  const { now } = await sandboxControl<{ now: string }>("GET", "/__sandbox/clock");
  const expiry = new Date(Date.parse(now) + 3 * 86_400_000).toISOString().slice(0, 16);
  await create.getByLabel("Expires on (optional)").fill(expiry);
  await create.getByRole("button", { name: "Create batch" }).click();
  await expect(page).toHaveURL(new RegExp(`/batches/${id}$`));
  await expect(page.getByText("Auto-paced", { exact: true })).toBeVisible();
  expect((await sandboxApi<{ auto_call_rate: boolean }>("GET", `/batches/${id}`)).auto_call_rate).toBe(true);

  // The list shows it too.
  await page.goto(`/batches?search_field=batch_id&search_value=${id}`);
  await expect(page.getByRole("row", { name: new RegExp(id) }).getByText("Auto-paced")).toBeVisible();

  // And the settings form shows the switch on.
  await page.goto(`/batches/${id}`);
  await page.getByRole("button", { name: "Expiry & rate" }).click();
  await expect(page.getByRole("dialog", { name: "Expiry and call rate" }).getByRole("switch", { name: "Finish by the expiry automatically" })).toBeChecked();
});

test("the 'will not be reached before the expiry' warning turns auto pacing on in one click", async ({ page }) => {
  const id = `slow-${Date.now()}`;
  // 20 contacts at 1 call an hour with 2 hours left: 18 would be missed.
  await createBatchThatCannotFinish(id, ALWAYS_ON_CAMPAIGN, { contacts: 20, refPrefix: "c", firstNumber: 15125552000 });
  await signIn(page, "manager", `/batches/${id}`);
  const warning = page.getByTestId("expiry-warning");
  await expect(warning).toContainText("will not be reached before the batch expires");
  await warning.getByRole("button", { name: "Finish by the expiry automatically" }).click();
  await expect(page.getByText("Auto pacing on: Syllable paces the batch to finish by its expiry.")).toBeVisible();
  await expect(page.getByText("Auto-paced", { exact: true })).toBeVisible();
  await expect(page.getByTestId("expiry-warning")).toHaveCount(0);
  await expect(page.getByText(/auto-paced to finish by the expiry/)).toBeVisible();
  expect((await sandboxApi<{ auto_call_rate: boolean }>("GET", `/batches/${id}`)).auto_call_rate).toBe(true);
});

test("a supervisor sees the warning but no button to change pacing", async ({ page }) => {
  const id = `slow-sup-${Date.now()}`;
  await createBatchThatCannotFinish(id, ALWAYS_ON_CAMPAIGN, { contacts: 5, refPrefix: "s", firstNumber: 15125553000 });
  await signIn(page, "supervisor", `/batches/${id}`);
  await expect(page.getByTestId("expiry-warning")).toBeVisible();
  await expect(page.getByRole("button", { name: "Finish by the expiry automatically" })).toHaveCount(0);
});

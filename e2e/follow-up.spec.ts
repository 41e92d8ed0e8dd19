// The follow-up batch flow in the browser: from the results filter (status + channel outcomes in
// the URL) to a new batch on hold that links back to its source.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { SEED } from "../sandbox/seed";
import { sandboxApi } from "./support/sandbox";

type Json = Record<string, unknown>;
const SOURCE = SEED.batches.payments;

test("a manager turns the failed no-answer/busy contacts of a batch into a follow-up batch on hold", async ({ page }) => {
  await signIn(page, "manager", `/batches/${SOURCE}?status=FAILED&channel=NO-ANSWER,BUSY`);
  await expect(page.getByRole("table", { name: "Results" })).toBeVisible();
  await page.getByRole("button", { name: "Create follow-up batch" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a follow-up batch" });
  await expect(dialog.getByText(/From the results with status FAILED, outcome NO-ANSWER or BUSY/)).toBeVisible();
  const counts = dialog.getByTestId("follow-up-counts");
  await expect(counts).toContainText(/will be in the follow-up/);
  const added = Number((/(\d[\d,]*)\s*will be in the follow-up/.exec((await counts.textContent()) ?? "")?.[1] ?? "0").replace(/,/g, ""));
  expect(added).toBeGreaterThan(0);
  await expect(dialog.getByLabel("New batch id")).toHaveValue(`${SOURCE}-retry-1`);

  // An id in use is named at the field.
  await dialog.getByLabel("New batch id").fill(SEED.batches.paused);
  await dialog.getByRole("button", { name: /^Create with/ }).click();
  await expect(dialog.getByText("This id is in use: choose another")).toBeVisible();

  const id = `fu-${Date.now()}`;
  await dialog.getByLabel("New batch id").fill(id);
  await dialog.getByRole("button", { name: /^Create with/ }).click();
  await expect(page).toHaveURL(new RegExp(`/batches/${id}$`));
  await expect(page.getByRole("heading", { name: id })).toBeVisible();
  await expect(page.getByRole("link", { name: SOURCE }).first()).toBeVisible();
  await expect(page.getByText("Follow-up of")).toBeVisible();
  const created = await sandboxApi<Json>("GET", `/batches/${id}`);
  expect(created.paused).toBe(true);
  const total = Object.values((created.status_counts ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
  expect(total).toBe(added);

  // Back to the source through the link.
  await page.getByRole("link", { name: SOURCE }).first().click();
  await expect(page).toHaveURL(new RegExp(`/batches/${SOURCE}$`));
});

test("a supervisor is offered no follow-up batch", async ({ page }) => {
  await signIn(page, "supervisor", `/batches/${SOURCE}?status=FAILED`);
  await expect(page.getByRole("table", { name: "Results" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create follow-up batch" })).toHaveCount(0);
});

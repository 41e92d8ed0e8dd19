import type { Page } from "@playwright/test";

/** Opens the New batch dialog on /batches and fills the id and the campaign; returns the dialog. */
export async function openNewBatchDialog(page: Page, batchId: string, campaignLabel = "Always-on demo line (#3)") {
  await page.goto("/batches");
  await page.getByRole("button", { name: "New batch" }).click();
  const dialog = page.getByRole("dialog", { name: "New batch" });
  await dialog.getByLabel("Batch id").fill(batchId);
  await dialog.getByLabel("Campaign").selectOption({ label: campaignLabel });
  return dialog;
}

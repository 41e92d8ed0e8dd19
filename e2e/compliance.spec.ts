// The compliance journey in the browser: a manager makes a suppression list, imports numbers
// (national formats, a bad row reported), assigns the list to a campaign; a queued request with
// one of the numbers leaves the batch by itself, and an upload leaves out a suppressed row, said
// in the preview and in the answer. On a campaign of its own, with numbers no other spec dials.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoSeriousViolations } from "./support/axe";
import { sandboxApi } from "./support/sandbox";
import { anyTimeCampaign } from "../tests/support/campaign-body";

test("a suppression list keeps its numbers from being called: imported, assigned, swept from the queue and left out of an upload", async ({ page }) => {
  test.setTimeout(90_000);
  const run = Date.now();
  const campaign = await sandboxApi<{ id: number }>("POST", "/campaigns", anyTimeCampaign(`Compliance ${run}`));
  const batchId = `dnc-e2e-${run}`;
  await sandboxApi("POST", "/batches", { batch_id: batchId, campaign_id: campaign.id, paused: true });
  for (const [ref, target] of [
    ["queued-1", "+14155550161"],
    ["queued-2", "+14155550162"],
  ])
    await sandboxApi("POST", `/batches/${batchId}/requests`, { reference_id: ref, target, request_variables: {} });

  await signIn(page, "manager");
  await page.getByRole("link", { name: "Compliance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
  await page.getByRole("button", { name: "New list" }).click();
  const create = page.getByRole("dialog", { name: "New suppression list" });
  await create.getByLabel("Name").fill(`Opt-outs ${run}`);
  await create.getByRole("button", { name: "Make list" }).click();
  await page.getByRole("link", { name: `Opt-outs ${run}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Opt-outs ${run}` })).toBeVisible();
  // Fresh, without the "made" toast fading out (axe would judge its contrast mid-fade).
  await page.reload();
  await expect(page.getByRole("table", { name: "Numbers on the list" })).toContainText("No numbers on this list yet.");
  await expectNoSeriousViolations(page, "suppression list page");

  // Import: the phone column is guessed from its name, national numbers are read as US numbers.
  await page.getByRole("button", { name: "Import CSV" }).click();
  const importer = page.getByRole("dialog", { name: "Import numbers from a CSV" });
  const csv = "Name,Mobile Number\nAna,(415) 555-0162\nBen,415.555.0171\nCy,call me\n";
  await importer.getByLabel("CSV file").setInputFiles({ name: "crm.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(importer.getByLabel("Phone column")).toHaveValue("Mobile Number");
  await importer.getByRole("button", { name: "Import" }).click();
  const report = importer.getByTestId("suppression-report");
  await expect(report).toContainText("3 rows read. 2 added, 0 already on the list (updated), 1 refused.");
  await expect(report.getByRole("row", { name: /call me/ })).toContainText("Not a phone number");
  await report.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("table", { name: "Numbers on the list" })).toContainText("+14155550171");

  // Assigned to the campaign on its page.
  await page.goto(`/campaigns/${campaign.id}`);
  const panel = page.getByTestId("campaign-suppression");
  await panel.getByRole("button", { name: "Choose lists" }).click();
  await panel.getByLabel(new RegExp(`Opt-outs ${run}`)).check();
  await panel.getByRole("button", { name: "Save lists" }).click();
  await expect(panel.getByRole("link", { name: `Opt-outs ${run}` })).toBeVisible();

  // The queued request for +14155550162 leaves the batch by itself (the sweep), the other stays.
  await page.goto(`/batches/${batchId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("batch-suppressed")).toContainText("1 removed from the queue", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const left = await sandboxApi<Array<{ reference_id: string }>>("GET", `/batches/${batchId}/results`);
  expect(left.map((r) => r.reference_id)).toEqual(["queued-1"]);

  // An upload: the preview names the suppressed row before sending; the answer says it was left out.
  await page.getByRole("button", { name: "Upload CSV" }).click();
  const upload = page.getByRole("dialog", { name: /Upload contacts/ });
  const contacts = "reference_id,target\nu1,+14155550171\nu2,+14155550179\n";
  await upload.getByLabel("CSV file").setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(contacts) });
  await expect(upload.getByTestId("preview-suppressed")).toContainText(
    `1 row will be left out: the number is on a suppression list. Row 1 +14155550171 (Opt-outs ${run})`,
  );
  await upload.getByRole("button", { name: "Upload 2 rows" }).click();
  await expect(upload.getByTestId("upload-suppressed")).toContainText(`1 row was left out: the number is on a suppression list (Opt-outs ${run})`);
  const targets = (await sandboxApi<Array<{ target: string }>>("GET", `/batches/${batchId}/results`)).map((r) => r.target);
  expect(targets.sort()).toEqual(["+14155550161", "+14155550179"]);
  await upload.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("batch-suppressed")).toContainText("1 suppressed at upload");

  // Anyone can check a number, written any way.
  await page.goto("/compliance");
  await page.getByLabel("Check a number").fill("(415) 555-0171");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByTestId("check-answer")).toHaveText(`+14155550171 is suppressed: on Opt-outs ${run}.`);
  await expectNoSeriousViolations(page, "compliance page");
});

// The upload dialog prepares the file in the browser: national numbers to E.164, rows Syllable
// would refuse skipped on request, and the console's own results export uploaded back as it is.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { sandboxApi } from "./support/sandbox";
import { SEED } from "../sandbox/seed";

type Row = { reference_id: string; target: string; request_variables?: Record<string, unknown> };

async function newBatch(id: string) {
  await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: SEED.campaigns.payments, paused: true });
}

test("national numbers become E.164 and bad rows can be skipped instead of blocking the file", async ({ page }) => {
  const id = `prep-${Date.now()}`;
  await newBatch(id);
  await signIn(page, "manager", `/batches/${id}`);
  await page.getByRole("button", { name: "Upload CSV" }).click();
  const upload = page.getByRole("dialog", { name: /Upload contacts/ });
  const csv = "reference_id,target,first_name\nr1,(415) 555-0103,Ana\n,+15125550102,NoRef\nr3,+15125550103,Cy\nr3,+15125550104,Again\n";
  await upload.getByLabel("CSV file").setInputFiles({ name: "national.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(upload.getByTestId("normalised")).toHaveText("1 national number(s) written as E.164, e.g. (415) 555-0103 → +14155550103.");
  await expect(upload.getByRole("button", { name: "Upload 4 rows" })).toBeDisabled();
  await upload.getByLabel("Skip rows that cannot be uploaded").check();
  await expect(upload.getByTestId("skipped")).toContainText("2 row(s) skipped: row 2 (no reference_id); row 4 (reference_id r3 repeated)");
  await upload.getByRole("button", { name: "Upload 2 rows" }).click();
  await expect(upload.getByRole("status")).toContainText("The batch now has 2 requests");
  const rows = await sandboxApi<Row[]>("GET", `/batches/${id}/results`);
  expect(rows.map((r) => [r.reference_id, r.target]).sort()).toEqual([
    ["r1", "+14155550103"],
    ["r3", "+15125550103"],
  ]);
});

test("a batch's results export uploads back into another batch with its variables", async ({ page }) => {
  const id = `roundtrip-${Date.now()}`;
  await newBatch(id);
  await signIn(page, "manager");
  const exported = await (await page.request.get(`/api/batches/${SEED.batches.payments}/results.csv?status=FAILED`)).text();
  const sourceRows = (await sandboxApi<Row[]>("GET", `/batches/${SEED.batches.payments}/results`)).filter(
    (r) => (r as { request_status?: string }).request_status === "FAILED",
  );
  expect(sourceRows.length).toBeGreaterThan(0);
  await page.goto(`/batches/${id}`);
  await page.getByRole("button", { name: "Upload CSV" }).click();
  const upload = page.getByRole("dialog", { name: /Upload contacts/ });
  await upload.getByLabel("CSV file").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(exported) });
  await expect(upload.getByRole("list", { name: "Preview warnings" })).toContainText("Read as the console's results export");
  await upload.getByRole("button", { name: /^Upload \d+ rows$/ }).click();
  await expect(upload.getByRole("status")).toContainText(`The batch now has ${sourceRows.length} requests`);
  const uploaded = new Map((await sandboxApi<Row[]>("GET", `/batches/${id}/results`)).map((r) => [r.reference_id, r]));
  for (const r of sourceRows) {
    expect(uploaded.get(r.reference_id)?.target).toBe(r.target);
    expect(uploaded.get(r.reference_id)?.request_variables ?? {}).toEqual(r.request_variables ?? {});
  }
});

test("a CRM's file (Mobile Number in national format, Customer Ref, First Name) is mapped, shown and uploaded as E.164", async ({ page }) => {
  const id = `crm-${Date.now()}`;
  await newBatch(id);
  await signIn(page, "manager", `/batches/${id}`);
  await page.getByRole("button", { name: "Upload CSV" }).click();
  const upload = page.getByRole("dialog", { name: /Upload contacts/ });
  const csv = "Customer Ref,First Name,Mobile Number\nC-1,Ana,(415) 555-0103\nC-2,Ben,415.555.0104\n";
  await upload.getByLabel("CSV file").setInputFiles({ name: "crm.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // Guessed from names and content; the person can change it.
  const mapping = upload.getByTestId("column-mapping");
  await expect(mapping.getByLabel("Phone number column")).toHaveValue("Mobile Number");
  await expect(mapping.getByLabel("Reference id column")).toHaveValue("Customer Ref");
  await expect(mapping).toContainText("First Name → first_name");
  // The number sent beside the number written.
  const sample = upload.getByRole("table", { name: "First rows" });
  await expect(sample).toContainText("+14155550103from (415) 555-0103");
  await expect(upload.getByRole("list", { name: "Preview warnings" })).not.toContainText("invalid target");
  await upload.getByRole("button", { name: "Upload 2 rows" }).click();
  await expect(upload.getByRole("status")).toContainText("The batch now has 2 requests");
  const rows = await sandboxApi<Row[]>("GET", `/batches/${id}/results`);
  expect(rows.map((r) => [r.reference_id, r.target, r.request_variables?.first_name]).sort()).toEqual([
    ["C-1", "+14155550103", "Ana"],
    ["C-2", "+14155550104", "Ben"],
  ]);
});

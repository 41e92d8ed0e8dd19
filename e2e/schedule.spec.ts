// A batch scheduled to start 20 s ahead, in the browser with the real scheduler (ticking every
// 2 s here): held at once, shown as held by its schedule with the start ahead, then released by
// itself within 15 s of its time, and the page says so. And the upload preview's time zones, with
// "Split by time zone".
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoSeriousViolations } from "./support/axe";
import { sandboxApi } from "./support/sandbox";
import { CONSOLE_URL } from "./support/env";
import { anyTimeCampaign } from "../tests/support/campaign-body";

test("a batch scheduled 20 s ahead is held, then released by the scheduler within 15 s of its start", async ({ page }) => {
  test.setTimeout(90_000);
  const run = Date.now();
  const campaign = await sandboxApi<{ id: number }>("POST", "/campaigns", anyTimeCampaign(`Scheduled ${run}`));
  const id = `sched-e2e-${run}`;
  await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: campaign.id, paused: false });
  await sandboxApi("POST", `/batches/${id}/requests`, { reference_id: "r1", target: "+12125550181", request_variables: {} });

  await signIn(page, "manager");
  const startAt = new Date(Date.now() + 20_000).toISOString();
  // Through the API as the page would (the form's times are to the minute; this is to the second).
  const res = await page.request.put(`/api/batches/${id}/schedule`, { data: { start_at: startAt }, headers: { Origin: CONSOLE_URL } });
  expect(res.status(), await res.text()).toBe(200);
  expect((await sandboxApi<{ paused?: boolean }>("GET", `/batches/${id}`)).paused).toBe(true);

  await page.goto(`/batches/${id}`);
  const panel = page.getByTestId("schedule-panel");
  await expect(panel.getByTestId("schedule-state")).toContainText("Held by schedule");
  await expect(panel.getByTestId("schedule-state")).toContainText(`scheduled to start at ${startAt}`);
  await expect(panel.getByTestId("schedule-next")).toContainText("released");
  await expect(panel.getByRole("img", { name: /Next 7 days: released for 168 hours/ })).toBeVisible();
  await expectNoSeriousViolations(page, "batch page with its schedule");

  // Released by the scheduler itself, within 15 s of the start.
  await expect
    .poll(async () => (await sandboxApi<{ paused?: boolean }>("GET", `/batches/${id}`)).paused, {
      timeout: Date.parse(startAt) + 15_000 - Date.now(),
      intervals: [500],
    })
    .toBe(false);
  await page.reload();
  await expect(page.getByTestId("schedule-state")).toContainText("Released");
});

test("the upload preview counts recipients by time zone, and Split by time zone makes one batch per zone group", async ({ page }) => {
  const run = Date.now();
  const campaign = await sandboxApi<{ id: number }>("POST", "/campaigns", anyTimeCampaign(`Zones ${run}`));
  const id = `zones-${run}`;
  await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: campaign.id, paused: true });
  await signIn(page, "manager", `/batches/${id}`);
  await page.getByRole("button", { name: "Upload CSV" }).click();
  const upload = page.getByRole("dialog", { name: /Upload contacts/ });
  // Two in New York, one in Honolulu.
  const csv = "reference_id,target\nny1,+12125550191\nhi1,+18085550191\nny2,+12125550192\n";
  await upload.getByLabel("CSV file").setInputFiles({ name: "zones.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(upload.getByTestId("preview-zones")).toContainText("Recipients by time zone: America/New_York 2 · Pacific/Honolulu 1");
  await upload.getByLabel(/Split by time zone/).check();
  await upload.getByRole("button", { name: "Upload 3 rows in 2+ batches" }).click();
  const report = upload.getByTestId("split-report");
  await expect(report).toContainText(`${id} (America/New_York, 2 rows): uploaded.`);
  await expect(report).toContainText(`${id}-pacific-honolulu (Pacific/Honolulu, 1 row, new batch): uploaded.`);
  const targets = async (batch: string) => (await sandboxApi<Array<{ target: string }>>("GET", `/batches/${batch}/results`)).map((r) => r.target).sort();
  expect(await targets(id)).toEqual(["+12125550191", "+12125550192"]);
  expect(await targets(`${id}-pacific-honolulu`)).toEqual(["+18085550191"]);
  // The new batch has the same campaign and hold as the one uploaded to.
  expect(await sandboxApi("GET", `/batches/${id}-pacific-honolulu`)).toMatchObject({ campaign_id: campaign.id, paused: true });
  await report.getByRole("link", { name: `${id}-pacific-honolulu` }).click();
  await expect(page).toHaveURL(new RegExp(`/batches/${id}-pacific-honolulu$`));
});

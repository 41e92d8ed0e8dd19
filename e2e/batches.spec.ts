import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { openNewBatchDialog } from "./support/batches";
import { advanceSandbox, sandboxApi } from "./support/sandbox";

const BIG = "seed-big-100k";
const OBSERVED = "seed-payments-0401";
const ALWAYS_ON_CAMPAIGN = 3;

/** Makes the page look like a background tab (or a visible one again) and fires visibilitychange as browsers do (it bubbles to window). */
async function setTabHidden(page: Page, hidden: boolean) {
  await page.evaluate((h) => {
    Object.defineProperty(document, "visibilityState", { value: h ? "hidden" : "visible", configurable: true });
    Object.defineProperty(document, "hidden", { value: h, configurable: true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  }, hidden);
}

test.describe("batches", () => {
  test("a manager runs a batch end to end", async ({ page }) => {
    const id = `e2e-${Date.now()}`;
    await signIn(page, "manager");

    // Create, on hold by default.
    const create = await openNewBatchDialog(page, id);
    await expect(create.getByLabel(/Start on hold/)).toBeChecked();
    await create.getByRole("button", { name: "Create batch" }).click();
    await expect(page).toHaveURL(new RegExp(`/batches/${id}$`));
    await expect(page.getByRole("heading", { level: 1, name: id })).toBeVisible();
    await expect(page.getByText("On hold", { exact: true })).toBeVisible();

    // Upload a CSV with a duplicate and an invalid target: the preview says so before sending.
    await page.getByRole("button", { name: "Upload CSV" }).click();
    const upload = page.getByRole("dialog", { name: /Upload contacts/ });
    // A row without reference_id would make Syllable reject the whole file: upload is blocked.
    const noRef = "reference_id,target\nr1,+15125550101\n,+15125550102\n";
    await upload.getByLabel("CSV file").setInputFiles({ name: "no-ref.csv", mimeType: "text/csv", buffer: Buffer.from(noRef) });
    await expect(upload.getByRole("list", { name: "Preview warnings" })).toContainText("1 row(s) without reference_id (row 2)");
    await expect(upload.getByRole("button", { name: "Upload 2 rows" })).toBeDisabled();
    const csv = "reference_id,target,first_name\nr1,+15125550101,Ana\nr2,+15125550102,Ben\nr3,+15125550101,Dup\nr4,not-a-phone,Bad\nr5,+15125550105,Eve\n";
    await upload.getByLabel("CSV file").setInputFiles({ name: "e2e.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const warnings = upload.getByRole("list", { name: "Preview warnings" });
    await expect(warnings).toContainText("1 invalid target(s), not E.164, will be marked INVALID (row 4)");
    await expect(warnings).toContainText("1 duplicate target(s)");
    await expect(warnings).toContainText("Variables: first_name");
    await upload.getByRole("button", { name: "Upload 5 rows" }).click();
    await expect(upload.getByRole("status")).toContainText("The batch now has 5 requests, 1 DUPLICATE, 1 INVALID");
    await upload.getByRole("button", { name: "Close" }).click();
    await expect(page.getByTestId("progress-total")).toHaveText("5");
    await expect(page.getByTestId("eta")).toContainText(/On hold: about \d+ minutes? of dialing once resumed/);

    // Remove a pending request.
    await page.getByRole("checkbox", { name: "Select r5" }).check();
    await page.getByRole("button", { name: "Remove selected" }).click();
    await page
      .getByRole("dialog", { name: /Remove 1 request/ })
      .getByRole("button", { name: "Remove" })
      .click();
    await expect(page.getByText("Removed 1 request.")).toBeVisible();
    await expect(page.getByTestId("progress-total")).toHaveText("4");
    await expect(page.getByRole("checkbox", { name: "Select r5" })).toHaveCount(0);

    // Resume and watch the counts move as simulated time passes.
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByRole("dialog", { name: "Resume the batch?" }).getByRole("button", { name: "Resume batch" }).click();
    await expect(page.getByText("On hold", { exact: true })).toHaveCount(0);
    await advanceSandbox(30);
    await expect(page.getByTestId("progress-finished")).not.toHaveText("2", { timeout: 20_000 }); // DUPLICATE + INVALID are final from the start
    const finished = Number(await page.getByTestId("progress-finished").textContent());
    expect(finished).toBeGreaterThan(2);

    // Pause again.
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("dialog", { name: "Put the batch on hold?" }).getByRole("button", { name: "Pause batch" }).click();
    await expect(page.getByText("On hold", { exact: true })).toBeVisible();
    await expect(page.getByTestId("not-dialing")).toContainText("On hold");

    // Set an expiry (UTC).
    const expiry = new Date(Date.now() + 40 * 86_400_000);
    const local = expiry.toISOString().slice(0, 16);
    await page.getByRole("button", { name: "Expiry & rate" }).click();
    const settings = page.getByRole("dialog", { name: "Expiry and call rate" });
    await settings.getByLabel("Expires on").fill(local);
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Batch settings saved.")).toBeVisible();
    await expect(page.getByText(`${local.replace("T", " ")} UTC`).first()).toBeVisible();

    // Export CSV: a download with a header row and one row per request.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const text = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^reference_id,target,request_status,/);
    expect(lines[0]).toContain("var_first_name");
    expect(lines).toHaveLength(5);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[0])
        .sort(),
    ).toEqual(["r1", "r2", "r3", "r4"]);
    expect(lines.find((l) => l.startsWith("r1,"))).toMatch(/^r1,\+15125550101,/); // targets stay usable numbers

    // Delete: needs a reason and the batch id typed.
    await page.getByRole("button", { name: "Delete" }).click();
    const del = page.getByRole("dialog", { name: `Delete batch ${id}?` });
    await del.getByLabel("Reason").fill("e2e cleanup");
    await expect(del.getByRole("button", { name: "Delete batch" })).toBeDisabled();
    await del.getByLabel(/to confirm/).fill(id);
    await del.getByRole("button", { name: "Delete batch" }).click();
    await expect(page).toHaveURL(/\/batches$/);
    await page.goto(`/batches/${id}`);
    await expect(page.getByText("Batch not found")).toBeVisible();
  });

  test("a supervisor sees the same pages without write controls", async ({ page }) => {
    await signIn(page, "supervisor", "/batches?limit=100"); // other specs add batches: the seeded one stays on the page
    await expect(page.getByRole("link", { name: OBSERVED })).toBeVisible();
    await expect(page.getByRole("button", { name: "New batch" })).toHaveCount(0);
    await page.getByRole("link", { name: OBSERVED }).click();
    await expect(page.getByRole("heading", { level: 1, name: OBSERVED })).toBeVisible();
    await expect(page.getByTestId("progress-total")).toHaveText("600");
    for (const name of ["Pause", "Resume", "Expiry & rate", "Upload CSV", "Add request", "Delete", "Remove selected"]) {
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
  });

  test("live updates are pushed while the tab is visible (no polling, no reload) and stop while it is hidden", async ({ page }) => {
    // An unpaused batch with pending requests; the sandbox clock is frozen, so it stays live.
    const id = `e2e-live-${Date.now()}`;
    await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: ALWAYS_ON_CAMPAIGN, paused: false });
    for (const n of [1, 2, 3]) await sandboxApi("POST", `/batches/${id}/requests`, { reference_id: `r${n}`, target: `+1512555030${n}`, request_variables: {} });

    await signIn(page, "supervisor");
    const detailPath = `/api/batches/${id}`;
    const polls: number[] = [];
    const streams: number[] = [];
    page.on("request", (r) => {
      const p = new URL(r.url()).pathname;
      if (p === detailPath) polls.push(Date.now());
      if (p === `${detailPath}/events`) streams.push(Date.now());
    });
    await page.goto(`/batches/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: id })).toBeVisible();
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    await expect(page.getByTestId("progress-total")).toHaveText("3");
    const stamp = page.getByText(/^updated \d+ (s|min) ago$/).first();
    await expect(stamp).toBeVisible();
    await expect.poll(() => streams.length).toBeGreaterThanOrEqual(1);

    // Visible: the engine pushes every cadence (1 s in e2e); the page never polls.
    await page.waitForTimeout(4_000);
    await expect(stamp).toHaveText(/^updated [0-2] s ago$/);
    // Calls go out in the sandbox: the page shows them without a reload.
    await expect(page.getByTestId("progress-finished")).toHaveText("0");
    const results = page.getByRole("table", { name: "Results" });
    await expect(results.getByRole("row").filter({ hasText: "PENDING" })).toHaveCount(3);
    await advanceSandbox(60);
    await expect(page.getByTestId("progress-finished")).not.toHaveText("0", { timeout: 10_000 });
    // The visible results follow (re-read at most every RESULTS_REFRESH_S): rows stop saying PENDING.
    await expect(results.getByRole("row").filter({ hasText: "PENDING" })).not.toHaveCount(3, { timeout: 10_000 });
    expect(polls).toEqual([]);

    // Hidden: the stream is closed, nothing polls, and the stamp keeps aging.
    await setTabHidden(page, true);
    const hiddenStreams = streams.length;
    await page.waitForTimeout(11_000);
    expect(polls).toEqual([]);
    expect(streams.length).toBe(hiddenStreams);
    const age = Number(/updated (\d+) s ago/.exec((await stamp.textContent()) ?? "")?.[1]);
    expect(age).toBeGreaterThanOrEqual(10);

    // Visible again: a stream opens at once and the stamp resets.
    const back = page.waitForRequest((r) => new URL(r.url()).pathname === `${detailPath}/events`, { timeout: 6_000 });
    await setTabHidden(page, false);
    await back;
    await expect(stamp).toHaveText(/^updated [0-3] s ago$/);
  });

  test("the 100k batch's results page, sort and filter on the server", async ({ page }) => {
    await signIn(page, "supervisor", `/batches/${BIG}`);
    const pager = page.getByRole("navigation", { name: "Pagination" });
    await expect(pager).toContainText("Rows 1–50 of 100,000", { timeout: 30_000 });
    await pager.getByRole("button", { name: "Next page" }).click();
    await expect(pager).toContainText("Rows 51–100 of 100,000");
    await expect(page).toHaveURL(/page=2/);

    const results = page.getByRole("table", { name: "Results" });
    await results.getByRole("button", { name: /Target/ }).click();
    await expect(page).toHaveURL(/sort=target/);
    await expect(page).not.toHaveURL(/page=2/);
    await results.getByRole("button", { name: /Target/ }).click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(results.getByRole("columnheader", { name: /Target/ })).toHaveAttribute("aria-sort", "descending");
    // The header flips at once; the rows follow when the sorted page arrives from the server.
    const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
    const shownTargets = async () => (await results.getByRole("row").locator("td:nth-child(2)").allTextContents()).map((t) => t.trim());
    await expect
      .poll(async () => {
        const targets = await shownTargets();
        return targets.length === 50 && JSON.stringify(targets) === JSON.stringify([...targets].sort((a, b) => collator.compare(b, a)));
      })
      .toBe(true);

    await page.getByLabel("Request status").selectOption("PENDING");
    await expect(page).toHaveURL(/status=PENDING/);
    await expect(pager).not.toContainText("of 100,000");
    const statuses = await results.getByRole("row").locator("td:nth-child(3)").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s.trim() === "PENDING")).toBe(true);

    // The back button restores the previous state from the URL.
    await page.goBack();
    await expect(page).not.toHaveURL(/status=PENDING/);
    await expect(pager).toContainText("of 100,000");

    // A big export is fetched by the page (a progress bar, Cancel) and then saved whole.
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe(`${BIG}-results.csv`);
    await expect(page.getByText("Exported 100,000 rows.")).toBeVisible();
    const lines = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(100_001);
  });
});

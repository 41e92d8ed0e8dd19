import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { advanceSandbox, sandboxApi, createBatchThatCannotFinish, sandboxControl } from "./support/sandbox";

const ALWAYS_ON_CAMPAIGN = SEED.campaigns.alwaysOn;

// The home page: every active or paused batch, live, the ones needing attention first.
test("the overview is the home page, lists active and paused batches, filters in the URL, and moves without a reload", async ({ page }) => {
  const id = `e2e-overview-${Date.now()}`;
  await signIn(page, "supervisor");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const table = page.getByRole("table", { name: "Active and paused batches" });
  const pausedRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: SEED.batches.paused }) });
  await expect(pausedRow).toContainText("On hold");
  await expect(page.getByTestId("total-batches")).not.toHaveText("0");

  // A batch created behind the console's back, while the page is open, appears within 10 s
  // (discovery every LIVE_DISCOVERY_MS) and moves when calls go out, with no reload.
  await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: ALWAYS_ON_CAMPAIGN, paused: false });
  for (const n of [1, 2, 3, 4])
    await sandboxApi("POST", `/batches/${id}/requests`, { reference_id: `o${n}`, target: `+1512555040${n}`, request_variables: {} });
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: id }) });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row.getByTestId("overview-finished")).toContainText("0 / 4 finished");
  await advanceSandbox(60);
  await expect(row.getByTestId("overview-finished")).not.toContainText("0 / 4 finished", { timeout: 15_000 });

  // Filters live in the URL (shareable).
  await page.getByLabel("Status").selectOption("PAUSED");
  await expect(page).toHaveURL(/status=PAUSED/);
  await expect(pausedRow).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("PAUSED");
  await expect(row).toHaveCount(0);
});

test("an alert raised from the sandbox's data shows on the overview (a strip of counts that expands) and the batch page; a supervisor acknowledges it and the audit log says so", async ({
  page,
  browser,
}) => {
  const id = `e2e-alert-${Date.now()}`;
  // 20 contacts at 1 call an hour with 2 hours left: it cannot finish before its expiry.
  await createBatchThatCannotFinish(id, ALWAYS_ON_CAMPAIGN, { contacts: 20, refPrefix: "al", firstNumber: 15125557000 });

  await signIn(page, "supervisor");
  // Alerts are a strip of counts that expands into the list.
  const strip = page.getByTestId("alert-strip");
  await expect(strip).toContainText(/\d+ Won't finish before expiry/, { timeout: 20_000 });
  await expect(page.getByTestId("alert")).toHaveCount(0);
  await strip.click();
  await expect(strip).toHaveAttribute("aria-expanded", "true");
  const alert = page.getByTestId("alert").filter({ has: page.getByRole("link", { name: id }) });
  await expect(alert).toContainText("Won't finish before expiry", { timeout: 20_000 });
  await expect(alert).toContainText(/requests will not be reached before the batch expires/);

  await page.goto(`/batches/${id}`);
  await expect(page.getByTestId("alert")).toContainText("Won't finish before expiry");
  await page.goto("/");
  await page.getByTestId("alert-strip").click();
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByText("Alert acknowledged.")).toBeVisible();
  await expect(alert).toContainText("acknowledged by supervisor@sandbox.local");
  await expect(alert.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(page.getByTestId("alert-strip")).toContainText("acknowledged");

  const admin = await browser.newPage();
  await signIn(admin, "admin", "/audit");
  await expect(admin.getByRole("row").filter({ hasText: "alert.ack" }).first()).toContainText("supervisor@sandbox.local");
  await admin.close();
});

test("a batch whose dialing stalls raises a 'Stalled' alert on its page and the overview, which resolves once it moves again", async ({ page }) => {
  const id = `e2e-stall-${Date.now()}`;
  await sandboxApi("POST", "/batches", { batch_id: id, campaign_id: ALWAYS_ON_CAMPAIGN, paused: false, call_rate: 60 });
  for (let i = 0; i < 40; i++)
    await sandboxApi("POST", `/batches/${id}/requests`, { reference_id: `st${i}`, target: `+1512556${String(2000 + i)}`, request_variables: {} });

  await signIn(page, "supervisor", `/batches/${id}`); // watched: the engine reads it every cadence
  await advanceSandbox(3);
  await expect(page.getByTestId("observed-rate")).not.toContainText("None dialed yet");
  // The dialer gets stuck on this batch: nothing new goes out for 30 minutes of calling window.
  await sandboxControl("PUT", `/__sandbox/batches/${id}/stall`);
  for (let i = 0; i < 3; i++) await advanceSandbox(10);
  const alert = page.getByTestId("alert").filter({ hasText: "Stalled" });
  await expect(alert).toContainText(/Nothing dialed for \d+ minutes inside the calling window/, { timeout: 15_000 });

  await page.goto("/");
  await page.getByTestId("alert-strip").click();
  await expect(page.getByTestId("alert").filter({ has: page.getByRole("link", { name: id }) })).toContainText("Stalled");

  // Dialing resumes: the alert resolves.
  await sandboxControl("DELETE", `/__sandbox/batches/${id}/stall`);
  await page.goto(`/batches/${id}`);
  await advanceSandbox(5);
  await expect(alert).toHaveCount(0, { timeout: 15_000 });
});

test.describe("browser notifications", () => {
  test.use({ permissions: ["notifications"] });

  test("once switched on, a new alert is announced once; alerts already open are not", async ({ page }) => {
    // Record what the page shows through the real Notification API.
    await page.addInitScript(() => {
      const Real = window.Notification;
      const shown: Array<{ title: string; body?: string; tag?: string }> = [];
      (window as unknown as { __notifications: typeof shown }).__notifications = shown;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body, tag: options?.tag });
        }
      }
      window.Notification = Recorded;
    });
    const shown = () => page.evaluate(() => (window as unknown as { __notifications: Array<{ title: string; body?: string }> }).__notifications);

    await signIn(page, "supervisor");
    const toggle = page.getByRole("button", { name: "Notify me of new alerts" });
    await toggle.click();
    await expect(page.getByRole("button", { name: "Notifying of new alerts" })).toHaveAttribute("aria-pressed", "true");

    const id = `e2e-notify-${Date.now()}`;
    await createBatchThatCannotFinish(id, ALWAYS_ON_CAMPAIGN, { contacts: 20, refPrefix: "nt", firstNumber: 15125573000 });

    await expect.poll(async () => (await shown()).map((n) => n.title), { timeout: 20_000 }).toContain(`Won't finish before expiry: ${id}`);
    expect((await shown()).map((n) => n.title)).toEqual([`Won't finish before expiry: ${id}`]);
    // Nothing about alerts that were open before the switch; the new one once, even after a reload (the stream replays open alerts).
    await page.reload();
    await expect(page.getByRole("button", { name: "Notifying of new alerts" })).toBeVisible();
    await page.waitForTimeout(1500);
    expect(await shown()).toEqual([]);
  });
});

import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { CONSOLE_URL } from "./support/env";
import { advanceSandbox, sandboxApi, sandboxControl } from "./support/sandbox";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const C = SEED.campaigns;

async function openEdit(page: Page, id: number, button: string) {
  await page.goto(`/campaigns/${id}`);
  await page.getByRole("button", { name: button }).click();
}

test("a manager edits the calling window and days, sees them on the detail page and in the list, and webhooks and secrets survive", async ({ page }) => {
  await advanceSandbox(1); // the e2e sandbox clock is frozen: give this write its own updated_at
  await signIn(page, "manager", `/campaigns/${C.payments}`);
  await expect(page.getByRole("heading", { name: "Late payment reminders" })).toBeVisible();
  // Managers cannot edit voicemail detection or delete.
  await expect(page.getByRole("button", { name: "Edit voicemail detection" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete campaign" })).toHaveCount(0);

  await page.getByRole("button", { name: "Edit schedule" }).click();
  await page.getByLabel("Daily start time").fill("08:15");
  await page.getByLabel("Daily end time").fill("08:15");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("The end time must differ from the start time (a window may cross midnight, e.g. 22:00–06:00).")).toBeVisible();
  await expect(page.getByLabel("Daily end time")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Daily end time").fill("18:45");
  await page.getByRole("button", { name: "Sat", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sat", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Campaign saved.")).toBeVisible();

  const schedule = page.getByRole("region", { name: "Schedule & pacing" }).or(page.locator("section", { hasText: "Schedule & pacing" }));
  await expect(schedule.getByText("08:15–18:45")).toBeVisible();
  await expect(schedule.getByText("Mon–Sat")).toBeVisible();

  await page.goto("/campaigns?q=Late%20payment");
  const row = page.getByRole("row", { name: /Late payment reminders/ });
  await expect(row).toContainText("Mon–Sat 08:15–18:45");

  // Behind the console's back: the webhooks and the secret itself are still stored.
  const stored = await sandboxApi<Json>("GET", `/campaigns/${C.payments}`);
  expect(stored.daily_start_time).toBe("08:15:00");
  expect(stored.active_days).toEqual(["mon", "tue", "wed", "thu", "fri", "sat"]);
  expect(stored.webhooks).toHaveLength(2);
  expect(stored.target_filters.rules).toHaveLength(2);
  expect(stored.voicemail_detection.legacy_beep_detection).toBe(true);
  const secrets = await sandboxControl<Array<{ auth_values: Record<string, string> }>>("GET", `/__sandbox/campaigns/${C.payments}/webhook-secrets`);
  expect(secrets.map((s) => s.auth_values)).toEqual([{ hmac_secret: SEED.hmacSecret }, {}]);
});

test("an admin turns voicemail detection off, then on again with new timeouts", async ({ page }) => {
  await advanceSandbox(1);
  await signIn(page, "admin");
  await openEdit(page, C.alwaysOn, "Edit voicemail detection");
  await page.getByRole("switch", { name: "Detect voicemail" }).uncheck();
  await page.getByRole("button", { name: "Save voicemail detection" }).click();
  await expect(page.getByText("Campaign saved.")).toBeVisible();
  const vdCard = page.locator("section", { hasText: "Voicemail detection" });
  await expect(vdCard.getByText("Off", { exact: true })).toBeVisible();
  expect((await sandboxApi<Json>("GET", `/campaigns/${C.alwaysOn}`)).voicemail_detection).toBeNull();

  await advanceSandbox(1);
  await page.getByRole("button", { name: "Edit voicemail detection" }).click();
  await page.getByRole("switch", { name: "Detect voicemail" }).check();
  await page.getByLabel("Mode").selectOption("v2");
  await page.getByLabel("Overall timeout (s)").fill("20");
  await page.getByLabel("Pre-speech timeout (s)").fill("25");
  await page.getByRole("button", { name: "Save voicemail detection" }).click();
  await expect(page.getByText("Cannot be longer than the overall timeout.")).toBeVisible();
  await expect(page.getByLabel("Pre-speech timeout (s)")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Overall timeout (s)").fill("40");
  await page.getByLabel("Pre-speech timeout (s)").fill("5");
  await page.getByLabel("Post-speech timeout (s)").fill("2");
  await page.getByLabel("Speech threshold (s)").fill("1.5");
  // v2 has its own pre-speech timeout (Syllable, 2026-08); the field shows only in v2 mode.
  await page.getByLabel("Mode").selectOption("v1");
  await expect(page.getByLabel("Pre-speech timeout for v2 (s)")).toHaveCount(0);
  await page.getByLabel("Mode").selectOption("v2");
  await page.getByLabel("Pre-speech timeout for v2 (s)").fill("3");
  await page.getByRole("button", { name: "Save voicemail detection" }).click();
  await expect(page.getByText("Campaign saved.").first()).toBeVisible();
  await expect(vdCard.getByText("40 s")).toBeVisible();
  expect((await sandboxApi<Json>("GET", `/campaigns/${C.alwaysOn}`)).voicemail_detection).toEqual({
    mode: "v2",
    voicemail_detection_overall_timeout: 40,
    voicemail_detection_pre_speech_timeout: 5,
    voicemail_detection_post_speech_timeout: 2,
    voicemail_detection_speech_threshold: 1.5,
    voicemail_detection_v2_pre_speech_timeout: 3,
  });
  await expect(vdCard.getByText("v2 pre-speech timeout")).toBeVisible();
});

test("two people edit the same campaign: different fields merge; the same field shows theirs and yours side by side, and keeping theirs keeps my other edits", async ({
  browser,
}) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  try {
    const pa = await a.newPage();
    const pb = await b.newPage();
    await signIn(pa, "manager");
    await signIn(pb, "admin");
    await openEdit(pa, C.appointmentsSms, "Edit schedule");
    await openEdit(pb, C.appointmentsSms, "Edit schedule");

    // Different fields: both saves apply, and the second is told whose change was kept.
    await advanceSandbox(1);
    await pa.getByLabel("Hourly rate").fill("700");
    await pa.getByRole("button", { name: "Save schedule" }).click();
    await expect(pa.getByText("Campaign saved.")).toBeVisible();
    await advanceSandbox(1);
    await pb.getByLabel("Retries").fill("3");
    await pb.getByRole("button", { name: "Save schedule" }).click();
    await expect(pb.getByText("Campaign saved.")).toBeVisible();
    await expect(pb.getByText(/Someone else had changed Hourly rate; their change was kept alongside yours/)).toBeVisible();
    let stored = await sandboxApi<Json>("GET", `/campaigns/${C.appointmentsSms}`);
    expect([stored.hourly_rate, stored.retry_count]).toEqual([700, 3]);

    // The same field: a conflict, both values shown, and my other edit survives "keep theirs".
    await openEdit(pa, C.appointmentsSms, "Edit schedule");
    await openEdit(pb, C.appointmentsSms, "Edit schedule");
    await advanceSandbox(1);
    await pa.getByLabel("Daily end time (UTC)").fill("20:00");
    await pa.getByRole("button", { name: "Save schedule" }).click();
    await expect(pa.getByText("Campaign saved.")).toBeVisible();
    await advanceSandbox(1);
    await pb.getByLabel("Daily end time (UTC)").fill("19:00");
    await pb.getByLabel("Hourly rate").fill("650");
    await pb.getByRole("button", { name: "Save schedule" }).click();
    const alert = pb.getByRole("alert").filter({ hasText: "Someone else changed this campaign" });
    await expect(alert).toBeVisible();
    const row = alert.getByRole("table", { name: "Fields changed by someone else" }).getByRole("row", { name: /Daily end time/ });
    await expect(row.getByRole("cell")).toHaveText(["20:00", "19:00"]);
    await expect(alert.getByRole("table").getByRole("row")).toHaveCount(2); // the header and that field only
    expect((await sandboxApi<Json>("GET", `/campaigns/${C.appointmentsSms}`)).hourly_rate).toBe(700); // nothing written
    await alert.getByRole("button", { name: "Keep theirs for these fields" }).click();
    await expect(pb.getByLabel("Daily end time (UTC)")).toHaveValue("20:00");
    await expect(pb.getByLabel("Hourly rate")).toHaveValue("650");
    await advanceSandbox(1);
    await pb.getByRole("button", { name: "Save schedule" }).click();
    await expect(pb.getByText("Campaign saved.")).toBeVisible();
    stored = await sandboxApi<Json>("GET", `/campaigns/${C.appointmentsSms}`);
    expect([stored.daily_end_time, stored.hourly_rate, stored.retry_count]).toEqual(["20:00:00", 650, 3]);
  } finally {
    await a.close();
    await b.close();
  }
});

/** A campaign with one unpaused batch holding requests (status ACTIVE), made behind the console's back. */
async function campaignWithActiveBatch(name: string): Promise<{ id: number }> {
  const c = await sandboxApi<Json>("POST", "/campaigns", {
    campaign_name: name,
    mode: "voice",
    campaign_variables: {},
    caller_id: "+15125550177",
    active_days: ["mon"],
  });
  const batchId = `e2e-active-${c.id as number}`;
  await sandboxApi("POST", "/batches", { batch_id: batchId, campaign_id: c.id, paused: false });
  for (const n of [1, 2]) await sandboxApi("POST", `/batches/${batchId}/requests`, { reference_id: `r${n}`, target: `+1512555020${n}`, request_variables: {} });
  expect((await sandboxApi<Json>("GET", `/batches/${batchId}`)).status).toBe("ACTIVE");
  return { id: c.id as number };
}

/** Whether the sandbox still has this campaign (sandboxApi throws on the 404). */
async function campaignExists(id: number): Promise<boolean> {
  return sandboxApi("GET", `/campaigns/${id}`).then(
    () => true,
    (err: Error) => {
      if (/HTTP 404/.test(err.message)) return false;
      throw err;
    },
  );
}

test.describe("create and delete", () => {
  test("an admin creates a campaign in the dialog, finds it in the list and on its page, then deletes it", async ({ page }) => {
    const name = `E2E created ${Date.now()}`;
    await signIn(page, "admin", "/campaigns");
    await page.getByRole("button", { name: "New campaign" }).click();
    const dialog = page.getByRole("dialog", { name: "New campaign" });

    // Client-side validation first: an empty name and an end equal to the start stay in the dialog.
    await dialog.getByLabel("Daily start time").fill("07:00");
    await dialog.getByLabel("Daily end time").fill("07:00");
    await dialog.getByRole("button", { name: "Create campaign" }).click();
    await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel("Daily end time")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/campaigns$/);

    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Mode").selectOption("voice");
    await dialog.getByLabel("Caller ID").fill("+15125550142");
    await dialog.getByLabel("Source").fill("+15125550143");
    await dialog.getByLabel("Daily start time").fill("08:30");
    await dialog.getByLabel("Daily end time").fill("16:00");
    await dialog.getByRole("button", { name: "Sat", exact: true }).click();
    await expect(dialog.getByRole("button", { name: "Sat", exact: true })).toHaveAttribute("aria-pressed", "true");
    await dialog.getByLabel("Hourly rate").fill("45");
    await dialog.getByLabel("Retries").fill("2");
    await dialog.getByLabel("Retry interval").fill("2h");
    await dialog.getByRole("button", { name: "Create campaign" }).click();

    // It opens the new campaign's page.
    await expect(page).toHaveURL(/\/campaigns\/\d+$/);
    const id = Number(/\/campaigns\/(\d+)$/.exec(page.url())![1]);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText(`Campaign "${name}" created.`)).toBeVisible();
    const schedule = page.locator("section", { hasText: "Schedule & pacing" });
    await expect(schedule.getByText("08:30–16:00")).toBeVisible();
    await expect(schedule.getByText("Mon–Sat")).toBeVisible();
    await expect(schedule.getByText("45 calls/hour")).toBeVisible();
    await expect(schedule.getByText("2 after 2h")).toBeVisible();
    await expect(page.locator("section", { hasText: "Overview" }).getByText("+15125550142")).toBeVisible();

    const stored = await sandboxApi<Json>("GET", `/campaigns/${id}`);
    expect(stored).toMatchObject({
      campaign_name: name,
      mode: "voice",
      caller_id: "+15125550142",
      source: "+15125550143",
      daily_start_time: "08:30:00",
      daily_end_time: "16:00:00",
      hourly_rate: 45,
      retry_count: 2,
      retry_interval: "2h",
    });
    expect(stored.active_days).toEqual(["mon", "tue", "wed", "thu", "fri", "sat"]);

    // In the list.
    await page.goto(`/campaigns?q=${encodeURIComponent(name)}`);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Mon–Sat 08:30–16:00");
    await expect(row).toContainText("2 after 2h");
    await row.getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/${id}$`));

    // Delete: the name must be typed first.
    await page.getByRole("button", { name: "Delete campaign" }).click();
    const del = page.getByRole("dialog", { name: `Delete "${name}"?` });
    await expect(del.getByRole("alert")).toHaveCount(0); // no active batches, no extra warning
    await expect(del.getByRole("button", { name: "Delete campaign" })).toBeDisabled();
    await del.getByLabel("Reason").fill("e2e cleanup");
    await del.getByLabel("Confirmation text").fill(name);
    await del.getByRole("button", { name: "Delete campaign" }).click();
    await expect(page).toHaveURL(/\/campaigns$/);
    await expect(page.getByText(`Campaign "${name}" deleted.`)).toBeVisible();
    expect(await campaignExists(id)).toBe(false);
    await page.goto(`/campaigns?q=${encodeURIComponent(name)}`);
    await expect(page.getByText("No campaign matches these filters.")).toBeVisible();
    await page.goto(`/campaigns/${id}`);
    await expect(page.getByText("Campaign not found")).toBeVisible();
  });

  test("deleting a campaign with an active batch asks for the extra confirmation", async ({ page }) => {
    const name = `E2E with active batch ${Date.now()}`;
    const { id } = await campaignWithActiveBatch(name);
    await signIn(page, "admin", `/campaigns/${id}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.getByRole("button", { name: "Delete campaign" }).click();
    const del = page.getByRole("dialog", { name: `Delete "${name}"?` });
    await expect(del.getByRole("alert")).toContainText("This campaign has 1 active batch (pending, active or paused).");
    const ack = del.getByRole("checkbox", { name: "Delete it anyway, with its active batches" });
    await expect(ack).not.toBeChecked();

    // Typing the name is not enough while the warning is unacknowledged.
    await del.getByLabel("Reason").fill("e2e cleanup");
    await del.getByLabel("Confirmation text").fill(name);
    await del.getByRole("button", { name: "Delete campaign" }).click();
    await page.waitForTimeout(1000);
    await expect(del).toBeVisible();
    expect(await campaignExists(id)).toBe(true);

    await ack.check();
    await del.getByRole("button", { name: "Delete campaign" }).click();
    await expect(page).toHaveURL(/\/campaigns$/);
    await expect(page.getByText(`Campaign "${name}" deleted.`)).toBeVisible();
    expect(await campaignExists(id)).toBe(false);
  });

  test("a batch that became active after the page loaded: the server's 409 brings up the same warning", async ({ page }) => {
    const name = `E2E late batch ${Date.now()}`;
    const c = await sandboxApi<Json>("POST", "/campaigns", {
      campaign_name: name,
      mode: "voice",
      campaign_variables: {},
      caller_id: null,
      active_days: ["tue"],
    });
    const id = c.id as number;
    await signIn(page, "admin", `/campaigns/${id}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.getByRole("button", { name: "Delete campaign" }).click();
    const del = page.getByRole("dialog", { name: `Delete "${name}"?` });
    await expect(del.getByRole("alert")).toHaveCount(0);

    // Meanwhile, someone starts a batch on it.
    await sandboxApi("POST", "/batches", { batch_id: `e2e-late-${id}`, campaign_id: id, paused: true });
    await del.getByLabel("Reason").fill("e2e cleanup");
    await del.getByLabel("Confirmation text").fill(name);
    await del.getByRole("button", { name: "Delete campaign" }).click();
    await expect(del.getByRole("alert")).toContainText("This campaign has 1 active batch. Confirm to delete it anyway.");
    expect(await campaignExists(id)).toBe(true);

    await del.getByRole("checkbox", { name: "Delete it anyway, with its active batches" }).check();
    await del.getByRole("button", { name: "Delete campaign" }).click();
    await expect(page).toHaveURL(/\/campaigns$/);
    expect(await campaignExists(id)).toBe(false);
  });
});

test("the list's label and mode filters narrow the rows and live in the URL", async ({ page }) => {
  await signIn(page, "supervisor", "/campaigns");
  const table = page.getByRole("table", { name: "Campaigns" });
  const names = () => table.getByRole("row").locator("td:nth-child(1)");
  const modes = () => table.getByRole("row").locator("td:nth-child(2)");
  await expect(table.getByRole("link", { name: "Late payment reminders" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Appointment confirmations (SMS)" })).toBeVisible();

  // Label: exact label match, case-insensitive.
  await page.getByLabel("Label", { exact: true }).fill("Clinic");
  await expect(page).toHaveURL(/[?&]label=Clinic(&|$)/);
  await expect(names()).toHaveText(["Appointment confirmations (SMS)"]);

  // Mode (label cleared): only sms campaigns.
  await page.getByLabel("Label", { exact: true }).fill("");
  await expect(page).not.toHaveURL(/label=/);
  await page.getByLabel("Mode").selectOption("sms");
  await expect(page).toHaveURL(/[?&]mode=sms(&|$)/);
  await expect(table.getByRole("link", { name: "Late payment reminders" })).toHaveCount(0);
  await expect(table.getByRole("link", { name: "Appointment confirmations (SMS)" })).toBeVisible();
  expect(new Set((await modes().allTextContents()).map((m) => m.trim()))).toEqual(new Set(["sms"]));

  // Both: billing + voice is the payments campaign only; billing + sms is nothing.
  await page.getByLabel("Mode").selectOption("voice");
  await page.getByLabel("Label", { exact: true }).fill("billing");
  await expect(page).toHaveURL(/label=billing/);
  await expect(page).toHaveURL(/mode=voice/);
  await expect(names()).toHaveText(["Late payment reminders"]);

  // A reload keeps both filters, in the URL and in the controls.
  await page.reload();
  await expect(page).toHaveURL(/label=billing/);
  await expect(page).toHaveURL(/mode=voice/);
  await expect(page.getByLabel("Label", { exact: true })).toHaveValue("billing");
  await expect(page.getByLabel("Mode")).toHaveValue("voice");
  await expect(names()).toHaveText(["Late payment reminders"]);

  await page.getByLabel("Mode").selectOption("sms");
  await expect(page.getByText("No campaign matches these filters.")).toBeVisible();

  // A shared link opens with the filters applied.
  await page.goto("/campaigns?label=survey&mode=voice");
  await expect(page.getByLabel("Label", { exact: true })).toHaveValue("survey");
  await expect(names()).toHaveText(["Weekend satisfaction survey"]);
});

test("a non-numeric or unknown campaign id shows the not-found page", async ({ page }) => {
  await signIn(page, "supervisor");
  for (const bad of ["abc", "12x", "0", "99999999"]) {
    await page.goto(`/campaigns/${bad}`);
    await expect(page.getByText("Campaign not found")).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to campaigns" })).toBeVisible();
  }
  await page.getByRole("link", { name: "Back to campaigns" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
});

test.describe("write controls follow the role", () => {
  test("a supervisor reads a campaign but gets no edit or delete controls, and the API refuses the write", async ({ page }) => {
    await signIn(page, "supervisor", `/campaigns/${C.payments}`);
    await expect(page.getByRole("heading", { level: 1, name: "Late payment reminders" })).toBeVisible();
    await expect(page.locator("section", { hasText: "Voicemail detection" }).getByText("3.5 s")).toBeVisible(); // the page itself is readable
    for (const name of ["Edit schedule", "Edit voicemail detection", "Delete campaign"]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }
    await page.goto("/campaigns");
    await expect(page.getByRole("link", { name: "Late payment reminders" })).toBeVisible();
    await expect(page.getByRole("button", { name: "New campaign" })).toHaveCount(0);

    // The server refuses the write too (the hidden button is not the only guard).
    const current = await sandboxApi<Json>("GET", `/campaigns/${C.payments}`);
    // From the console's own origin, so the role (not the CSRF check) is what refuses it.
    const res = await page.request.patch(`/api/campaigns/${C.payments}`, {
      data: { expected_updated_at: current.updated_at, hourly_rate: 5 },
      headers: { Origin: CONSOLE_URL },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as Json).error.code).toBe("forbidden");
    expect((await sandboxApi<Json>("GET", `/campaigns/${C.payments}`)).hourly_rate).toBe(current.hourly_rate);
  });

  test("a manager sees Edit schedule but cannot edit voicemail detection or delete", async ({ page }) => {
    await signIn(page, "manager", `/campaigns/${C.weekendSurvey}`);
    await expect(page.getByRole("heading", { level: 1, name: "Weekend satisfaction survey" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit schedule" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit voicemail detection" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete campaign" })).toHaveCount(0);
    // The schedule form opens and holds no voicemail fields.
    await page.getByRole("button", { name: "Edit schedule" }).click();
    await expect(page.getByLabel("Daily start time")).toHaveValue("15:00");
    await expect(page.getByRole("switch", { name: "Detect voicemail" })).toHaveCount(0);
  });
});

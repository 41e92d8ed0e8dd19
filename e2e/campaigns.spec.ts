import { expect, test, type Page } from "@playwright/test";
import { SEED } from "../sandbox/seed";
import { signIn } from "./support/auth";
import { advanceSandbox, sandboxApi, sandboxControl } from "./support/sandbox";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const C = SEED.campaigns;

async function openEdit(page: Page, id: number, button: string) {
  await page.goto(`/campaigns/${id}`);
  await page.getByRole("button", { name: button }).click();
}

test("a manager edits the calling window and days, sees them on the detail page and in the list, and webhooks and secrets survive", async ({ page }) => {
  await advanceSandbox(1); // the e2e sandbox clock is frozen: give this write its own updated_at
  await signIn(page, "manager");
  await page.goto(`/campaigns/${C.payments}`);
  await expect(page.getByRole("heading", { name: "Late payment reminders" })).toBeVisible();
  // Managers cannot edit voicemail detection or delete.
  await expect(page.getByRole("button", { name: "Edit voicemail detection" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete campaign" })).toHaveCount(0);

  await page.getByRole("button", { name: "Edit schedule" }).click();
  await page.getByLabel("Daily start time").fill("08:15");
  await page.getByLabel("Daily end time").fill("07:00");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("The end time must be after the start time.")).toBeVisible();
  await expect(page.getByLabel("Daily end time")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Daily end time").fill("18:45");
  await page.getByRole("button", { name: "Saturday" }).click();
  await expect(page.getByRole("button", { name: "Saturday" })).toHaveAttribute("aria-pressed", "true");
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
  await page.getByRole("button", { name: "Save voicemail detection" }).click();
  await expect(page.getByText("Campaign saved.").first()).toBeVisible();
  await expect(vdCard.getByText("40 s")).toBeVisible();
  expect((await sandboxApi<Json>("GET", `/campaigns/${C.alwaysOn}`)).voicemail_detection).toEqual({
    mode: "v2",
    voicemail_detection_overall_timeout: 40,
    voicemail_detection_pre_speech_timeout: 5,
    voicemail_detection_post_speech_timeout: 2,
    voicemail_detection_speech_threshold: 1.5,
  });
});

test("two people edit the same campaign: the second sees the conflict and can overwrite", async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  try {
    const pa = await a.newPage();
    const pb = await b.newPage();
    await signIn(pa, "manager");
    await signIn(pb, "admin");
    await openEdit(pa, C.appointmentsSms, "Edit schedule");
    await openEdit(pb, C.appointmentsSms, "Edit schedule");

    await advanceSandbox(1);
    await pa.getByLabel("Hourly rate").fill("700");
    await pa.getByRole("button", { name: "Save schedule" }).click();
    await expect(pa.getByText("Campaign saved.")).toBeVisible();

    await pb.getByLabel("Retries").fill("3");
    await pb.getByRole("button", { name: "Save schedule" }).click();
    const alert = pb.getByRole("alert").filter({ hasText: "Someone else changed this campaign" });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("list", { name: "Fields changed by someone else" })).toContainText("Hourly rate");
    expect((await sandboxApi<Json>("GET", `/campaigns/${C.appointmentsSms}`)).retry_count).toBe(1);

    await alert.getByRole("button", { name: "Overwrite with my changes" }).click();
    await expect(pb.getByText("Campaign saved.")).toBeVisible();
    const stored = await sandboxApi<Json>("GET", `/campaigns/${C.appointmentsSms}`);
    expect(stored.retry_count).toBe(3);
    expect(stored.hourly_rate).toBe(700); // the overwrite sent only B's change
  } finally {
    await a.close();
    await b.close();
  }
});

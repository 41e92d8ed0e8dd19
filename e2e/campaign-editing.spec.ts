// Full campaign editing in the browser: webhooks with a write-only secret (kept, replaced),
// targeting, details and variables, each its own form; admins only for webhooks and targeting.
// Each test makes its own campaign (the e2e sandbox is shared).
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { advanceSandbox, sandboxApi, sandboxControl } from "./support/sandbox";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

async function campaign(name: string): Promise<number> {
  const c = await sandboxApi<Json>("POST", "/campaigns", {
    campaign_name: name,
    mode: "sms",
    caller_id: "+15125550100",
    campaign_variables: { company_name: "Acme" },
    active_days: ["mon"],
    sms_session_ttl: 30,
    webhooks: [{ url: "https://hooks.example.com/syllable", request_method: "POST", trigger_statuses: ["COMPLETED"], auth_values: { hmac_secret: SECRET } }],
  });
  await advanceSandbox(1); // the e2e clock is frozen: give the next write its own updated_at
  return c.id as number;
}
/** Saves the open editor and waits for it to close (earlier "saved" toasts may still be on screen). */
async function save(page: import("@playwright/test").Page, label: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("button", { name: label })).toHaveCount(0);
  await expect(page.getByText("Campaign saved.").last()).toBeVisible();
}
const secrets = async (id: number) =>
  (await sandboxControl<Array<{ auth_values: Record<string, string> }>>("GET", `/__sandbox/campaigns/${id}/webhook-secrets`)).map((s) => s.auth_values);

test("an admin edits a webhook and its secret is kept; then replaces the secret with a generated one, which is never shown again", async ({ page }) => {
  const id = await campaign(`Webhooks ${Date.now()}`);
  await signIn(page, "admin", `/campaigns/${id}`);
  const section = page.locator("section", { hasText: "Webhooks" }).filter({ has: page.getByRole("heading", { name: "Webhooks" }) });

  // Keep: change the URL and the triggers; the secret is untouched.
  await page.getByRole("button", { name: "Edit webhooks" }).click();
  await expect(page.getByRole("radio", { name: "Keep the current secret" })).toBeChecked();
  await page.getByLabel("URL of webhook 1").fill("https://hooks.example.com/v2");
  await page
    .getByRole("group", { name: /Triggers of webhook 1/ })
    .getByRole("checkbox", { name: "NO-ANSWER" })
    .check();
  await save(page, "Save webhooks");
  await expect(section.getByText("https://hooks.example.com/v2")).toBeVisible();
  expect(await secrets(id)).toEqual([{ hmac_secret: SECRET }]);
  const stored = (await sandboxApi<Json>("GET", `/campaigns/${id}`)).webhooks[0];
  expect(stored).toMatchObject({ url: "https://hooks.example.com/v2", trigger_statuses: expect.arrayContaining(["COMPLETED", "NO-ANSWER"]) });

  // Replace: a bad value is refused on the field, a generated one is saved.
  await advanceSandbox(1);
  await page.getByRole("button", { name: "Edit webhooks" }).click();
  await page.getByRole("radio", { name: "Replace it" }).check();
  await page.getByLabel("New secret for webhook 1").fill("too-short");
  await page.getByRole("button", { name: "Save webhooks" }).click();
  await expect(page.getByText(/Use standard Base64 that decodes to 32–512 bytes/)).toBeVisible();
  await page.getByRole("button", { name: "Generate" }).click();
  const generated = await page.getByLabel("New secret for webhook 1").inputValue();
  expect(generated).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  await page.getByLabel("Reason for the change (optional)").fill("rotating the signing key");
  await save(page, "Save webhooks");
  expect(await secrets(id)).toEqual([{ hmac_secret: generated }]);
  await expect(page.getByText(generated)).toHaveCount(0);
  // Opening the editor again shows that a secret is set, never which.
  await page.getByRole("button", { name: "Edit webhooks" }).click();
  await expect(page.getByText("(one is set; it is never shown)")).toBeVisible();
  await expect(page.getByLabel("New secret for webhook 1")).toHaveCount(0);
  expect(await page.content()).not.toContain(generated);

  // The audit log says why and that the secret changed, and holds no secret.
  await page.goto(`/audit?target=campaign:${id}`);
  await expect(page.getByText("rotating the signing key").first()).toBeVisible();
  await expect(page.getByText(/secret changed/).first()).toBeVisible();
  expect(await page.content()).not.toContain(generated);
});

test("an admin adds and removes webhooks and sets targeting; each form saves only its own section", async ({ page }) => {
  const id = await campaign(`Targeting ${Date.now()}`);
  await signIn(page, "admin", `/campaigns/${id}`);

  await page.getByRole("button", { name: "Edit webhooks" }).click();
  await page.getByRole("button", { name: "Add webhook" }).click();
  await page.getByLabel("URL of webhook 2").fill("http://insecure.example.com");
  await page.getByLabel("Method of webhook 2").selectOption("PATCH");
  await page.getByRole("button", { name: "Save webhooks" }).click();
  await expect(page.getByText("Enter an HTTPS URL, e.g. https://example.com/hooks/syllable.")).toBeVisible();
  await page.getByLabel("URL of webhook 2").fill("https://crm.example.com/in");
  await page.getByRole("button", { name: "Remove webhook 1" }).click();
  await save(page, "Save webhooks");
  const hooks = (await sandboxApi<Json>("GET", `/campaigns/${id}`)).webhooks as Json[];
  expect(hooks.map((w) => [w.url, w.request_method, w.trigger_statuses])).toEqual([["https://crm.example.com/in", "PATCH", ["COMPLETED"]]]);

  await advanceSandbox(1);
  await page.getByRole("button", { name: "Edit targeting" }).click();
  await page.getByRole("checkbox", { name: "mobile" }).check();
  await page.getByRole("checkbox", { name: "Also dial numbers whose line type is unknown" }).uncheck();
  await page.getByRole("switch", { name: /Use target filters/ }).check();
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Attribute of rule 1").fill("carrier_name");
  await page.getByLabel("Comparison of rule 1").selectOption("not_in");
  await page.getByLabel("Values of rule 1").fill("Onvoy, LLC - Sinch\nBandwidth");
  await save(page, "Save targeting");
  const c = await sandboxApi<Json>("GET", `/campaigns/${id}`);
  expect(c).toMatchObject({
    allowed_line_types: ["mobile"],
    include_unknown_line_types: false,
    target_filters: { match: "all", on_unknown: "include", rules: [{ field: "carrier_name", op: "not_in", values: ["Onvoy, LLC - Sinch", "Bandwidth"] }] },
  });
  expect(c.webhooks).toHaveLength(1); // the targeting save carried the webhook over
  await expect(page.locator("section", { hasText: "Targeting" }).getByText("carrier_name not_in Onvoy, LLC - Sinch, Bandwidth")).toBeVisible();
});

test("a manager edits details and variables but is offered no webhook or targeting editor, and the API refuses them", async ({ page }) => {
  const id = await campaign(`Manager ${Date.now()}`);
  await signIn(page, "manager", `/campaigns/${id}`);
  await expect(page.getByRole("button", { name: "Edit details" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit variables" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit webhooks" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit targeting" })).toHaveCount(0);

  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("SMS session TTL (minutes)").fill("90");
  await page.getByLabel("Labels").fill("reminders, q4");
  await save(page, "Save details");
  await expect(page.getByText("90 min")).toBeVisible();

  await advanceSandbox(1);
  await page.getByRole("button", { name: "Edit variables" }).click();
  await page.getByRole("button", { name: "Add variable" }).click();
  await page.getByLabel("Variable 2 name").fill("promo_code");
  await page.getByLabel("Variable 2 value").fill("WINTER");
  await save(page, "Save variables");
  const c = await sandboxApi<Json>("GET", `/campaigns/${id}`);
  expect(c).toMatchObject({ sms_session_ttl: 90, labels: ["reminders", "q4"], campaign_variables: { company_name: "Acme", promo_code: "WINTER" } });
  expect(await secrets(id)).toEqual([{ hmac_secret: SECRET }]);

  const res = await page.request.patch(`/api/campaigns/${id}`, {
    data: { expected_updated_at: c.updated_at, webhooks: [] },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as Json).error.message).toBe("Only an admin can change webhooks.");
  expect(await secrets(id)).toEqual([{ hmac_secret: SECRET }]);
});

test("a manager pauses a batch with a reason and reads it in the audit log: filters apply as typed, part of an email is enough, both dates stay; no sign-in entries", async ({
  page,
}) => {
  const id = await campaign(`Reason ${Date.now()}`);
  const batchId = `reason-${Date.now()}`;
  await sandboxApi("POST", "/batches", { batch_id: batchId, campaign_id: id });
  await signIn(page, "manager", `/batches/${batchId}`);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await page.getByRole("dialog").getByLabel("Reason (optional)").fill("complaint about the script");
  await page.getByRole("button", { name: "Pause batch" }).click();
  await expect(page.getByText("Batch on hold: no outreach until resumed.")).toBeVisible();
  expect((await sandboxApi<Json>("GET", `/batches/${batchId}`)).paused).toBe(true);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();
  // Action: applied as typed, no Enter needed.
  await page.getByLabel("Action").fill("batch.pause");
  await expect(page).toHaveURL(/action=batch\.pause/);
  await page.getByLabel("Target").fill(`batch:${batchId}`);
  await expect(page.getByText("complaint about the script").first()).toBeVisible();
  // Who: a part of the email.
  await page.getByLabel("Who (email or part of it)").fill("manager@sand");
  await expect.poll(() => new URL(page.url()).searchParams.get("actor")).toBe("manager@sand");
  await expect(page.getByText("complaint about the script").first()).toBeVisible();
  // Both dates set within a second: both stay.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From (UTC)").fill(today);
  await page.getByLabel("To (UTC, inclusive)").fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}.*to=${today}|to=${today}.*from=${today}`));
  await expect(page.getByText("complaint about the script").first()).toBeVisible();
  // A manager reads batches and campaigns, not sign-ins or users.
  await page.goto("/audit?action=auth.");
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
});

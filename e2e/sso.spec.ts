// Single sign-on through a real OpenID Connect provider (e2e/support/oidc-provider.ts, started by
// playwright.config.ts) in Chromium: each mapped group signs in with its role, a person in no
// mapped group is refused with a sentence, a person's role is read again at every sign-in (their
// other sessions end when it changes), and signing out ends the provider's session too.
import { request as apiRequest, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { CONSOLE_URL } from "./support/env";

/** Signs in at the test provider as `login` (its development pages take any password). */
async function ssoSignIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with Corp SSO" }).click();
  await expect(page).toHaveURL(/localhost:4150\//);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.locator("button[type=submit]").click();
  // The first time, the provider asks to share the claims with the console.
  const consent = page.getByRole("button", { name: "Continue" });
  await page.waitForURL((url) => url.port === "3100" || url.pathname.includes("/interaction/"));
  if (page.url().includes("/interaction/")) await consent.click();
}

for (const [login, role] of [
  ["ops-admin", "Admin"],
  ["ops-manager", "Campaign manager"],
  ["viewer", "Supervisor"],
] as const) {
  test(`${login} signs in through the provider as ${role}`, async ({ page }) => {
    await ssoSignIn(page, login);
    await expect(page.getByTestId("current-user")).toHaveText(`${login}@corp.test`);
    await expect(page.getByTestId("current-role")).toHaveText(role);
  });
}

test("a person in no mapped group is refused with a sentence, and no session is made", async ({ page }) => {
  await ssoSignIn(page, "outsider");
  await expect(page).toHaveURL(/\/login\?sso_error=/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "outsider@corp.test is in no group that has a role in this console. Ask an admin to add you to one.",
  );
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
});

test("the role is read again at every sign-in: an admin by hand becomes what the groups say, and their other sessions end", async ({ page }) => {
  const admin = await apiRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Origin: CONSOLE_URL } });
  expect((await admin.post("/api/auth/login", { data: { email: "admin@sandbox.local", password: "sandbox" } })).status()).toBe(200);
  // The provider's ops-manager, made an admin here by hand first (with a password, for a second session).
  const made = await admin.post("/api/users", { data: { email: "ops-manager@corp.test", role: "admin", password: "a-long-password-for-sso" } });
  expect([201, 409]).toContain(made.status());
  if (made.status() === 409) {
    const users = (await (await admin.get("/api/users")).json()) as { items: Array<{ id: number; email: string }> };
    const id = users.items.find((u) => u.email === "ops-manager@corp.test")!.id;
    expect(
      (await admin.patch(`/api/users/${id}`, { data: { role: "admin", password: "a-long-password-for-sso", reason: "test of SSO roles" } })).status(),
    ).toBe(200);
  }
  const other = await apiRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Origin: CONSOLE_URL } });
  expect((await other.post("/api/auth/login", { data: { email: "ops-manager@corp.test", password: "a-long-password-for-sso" } })).status()).toBe(200);
  expect(((await (await other.get("/api/auth/me")).json()) as { user: { role: string } }).user.role).toBe("admin");

  await ssoSignIn(page, "ops-manager");
  await expect(page.getByTestId("current-role")).toHaveText("Campaign manager");
  expect((await other.get("/api/auth/me")).status()).toBe(401);
  const audit = (await (await admin.get("/api/audit?action=user.role&limit=5")).json()) as {
    items: Array<{ target: string; detail: Record<string, unknown> }>;
  };
  expect(audit.items.find((e) => e.target === "user:ops-manager@corp.test")?.detail).toMatchObject({ from: "admin", to: "manager", via: "Corp SSO" });
  await other.dispose();
  await admin.dispose();
});

test("signing out after a single sign-on ends the provider's session too, and comes back to the sign-in page", async ({ page }) => {
  await ssoSignIn(page, "viewer");
  await expect(page.getByTestId("current-user")).toHaveText("viewer@corp.test");
  await page.getByRole("button", { name: "Sign out" }).click();
  // The provider asks to confirm its own sign-out, then sends the browser back.
  await expect(page).toHaveURL(/localhost:4150\//);
  await page.locator("button[type=submit][value=yes], button[name=logout]").first().click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("link", { name: "Sign in with Corp SSO" })).toBeVisible();
});

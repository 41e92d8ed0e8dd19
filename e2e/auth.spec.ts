import { expect, test } from "./support/test";
import { request as apiRequest } from "@playwright/test";
import { CONSOLE_URL } from "./support/env";
import { ROLES, ROLE_LABELS } from "../lib/schemas/roles";
import { signInThroughForm } from "./support/auth";

test("a signed-out visit lands on the sign-in page, which lists the sandbox demo accounts", async ({ page }) => {
  await page.goto("/batches");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { name: "Outbound Console" })).toBeVisible();
  await expect(page.getByText("Sandbox", { exact: true })).toBeVisible();
  const demo = page.getByTestId("demo-users");
  for (const role of ROLES) await expect(demo).toContainText(`${role}@sandbox.local`);
});

for (const role of ROLES) {
  test(`${role} signs in, sees the Sandbox badge and their role, and signs out`, async ({ page }) => {
    await signInThroughForm(page, role);
    // Home is the operations overview.
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("banner").getByText("Sandbox", { exact: true })).toBeVisible();
    await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABELS[role]);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" })).toBeVisible();
    const session = (await page.context().cookies()).find((c) => c.name === "outbound_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(session?.value).not.toContain(role); // an opaque token, nothing readable

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await page.goto("/campaigns");
    await expect(page).toHaveURL(/\/login(\?|$)/);
  });
}

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@sandbox.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "match" })).toHaveText("That email and password don't match an account.");
  await page.goto("/batches");
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("the sign-in form checks the email in the browser with the handler's own schema, loaded after the page", async ({ page }) => {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(new URL(r.url()).pathname);
  });
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("whatever");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  // Refused before anything was sent: the check ran in the browser, not on the server.
  expect(posts).not.toContain("/api/auth/login");
});

test("the API answers 401 in the error shape when signed out", async ({ request }) => {
  const res = await request.get("/api/auth/me");
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Please sign in to continue." } });
});

test("every user-shaped answer holds exactly id, email, role (and how), never a credential or its hash", async () => {
  const ctx = await apiRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Origin: CONSOLE_URL } });
  const signIn = await ctx.post("/api/auth/login", { data: { email: "admin@sandbox.local", password: "sandbox" } });
  expect(signIn.status()).toBe(200);
  expect(Object.keys(((await signIn.json()) as { user: object }).user).sort()).toEqual(["email", "id", "role"]);
  const me = (await (await ctx.get("/api/auth/me")).json()) as { user: object; mode: string };
  expect(Object.keys(me).sort()).toEqual(["mode", "user"]);
  expect(Object.keys(me.user).sort()).toEqual(["email", "id", "role", "via"]);
  expect(JSON.stringify(me)).not.toMatch(/hash|credential|password/i);
  const users = (await (await ctx.get("/api/users")).json()) as { items: object[] };
  expect(users.items.length).toBeGreaterThan(0);
  for (const u of users.items) expect(JSON.stringify(u)).not.toMatch(/hash|credential|password/i);
  await ctx.dispose();
});

test("a person changes their own password: the current one is required, a common one refused, and their other sessions end", async ({ page, browser }) => {
  // A user of our own (the demo accounts are shared by every spec).
  const email = `pw-${Date.now()}@example.com`;
  const admin = await apiRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Origin: CONSOLE_URL } });
  expect((await admin.post("/api/auth/login", { data: { email: "admin@sandbox.local", password: "sandbox" } })).status()).toBe(200);
  expect((await admin.post("/api/users", { data: { email, role: "supervisor", password: "first-tulip-lantern-7" } })).status()).toBe(201);
  await admin.dispose();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  for (const p of [page, otherPage]) {
    await p.goto("/login");
    await p.getByLabel("Email").fill(email);
    await p.getByLabel("Password").fill("first-tulip-lantern-7");
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect(p.getByTestId("current-user")).toHaveText(email);
  }
  await page.getByRole("link", { name: "Account" }).click();
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-my-password-00");
  await form.getByLabel("New password", { exact: true }).fill("second-quarry-heron-9");
  await form.getByLabel("New password again").fill("second-quarry-heron-9");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();
  await form.getByLabel("Current password").fill("first-tulip-lantern-7");
  await form.getByLabel("New password", { exact: true }).fill("Password2024!");
  await form.getByLabel("New password again").fill("Password2024!");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText(/list of common passwords/)).toBeVisible();
  await form.getByLabel("New password", { exact: true }).fill("second-quarry-heron-9");
  await form.getByLabel("New password again").fill("second-quarry-heron-9");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Your other sessions were signed out.")).toBeVisible();
  // This browser stays signed in; the other one is out.
  expect((await page.request.get("/api/auth/me")).status()).toBe(200);
  expect((await otherPage.request.get("/api/auth/me")).status()).toBe(401);
  await other.close();
});

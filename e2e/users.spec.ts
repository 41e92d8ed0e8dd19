// User management in the browser: an admin adds a user (password shown once), changes the role,
// resets the password and removes them; the new user signs in with what was shown; a manager
// is refused the page and the API.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { CONSOLE_URL } from "./support/env";

test("an admin adds a user, who signs in with the password shown once; role change, reset and removal follow", async ({ page, browser }) => {
  const email = `new-${Date.now()}@example.com`;
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("manager");
  await dialog.getByRole("button", { name: "Add user" }).click();
  const password = (await dialog.getByTestId("one-time-password").textContent())!.trim();
  expect(password).toMatch(/^[\w-]{20}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Campaign manager");
  await expect(row).toContainText("Never");

  // The new user signs in with it, in a browser of their own.
  const theirs = await browser.newContext({ baseURL: CONSOLE_URL });
  const them = await theirs.newPage();
  await them.goto("/login");
  await them.getByLabel("Email").fill(email);
  await them.getByLabel("Password").fill(password);
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them.getByTestId("current-role")).toHaveText("Campaign manager");

  // A role change ends their session.
  await row.getByRole("button", { name: `Role of ${email}` }).click();
  const roleDialog = page.getByRole("dialog", { name: `Change role: ${email}` });
  await roleDialog.getByLabel("Role").selectOption("supervisor");
  await roleDialog.getByRole("button", { name: "Change role" }).click();
  await expect(row).toContainText("Supervisor");
  await them.goto("/batches");
  await expect(them).toHaveURL(/\/login/);

  // A reset password replaces the old one.
  await row.getByRole("button", { name: `Reset password of ${email}` }).click();
  const reset = page.getByRole("dialog", { name: `Reset password: ${email}` });
  await reset.getByRole("button", { name: "Reset password" }).click();
  const second = (await reset.getByTestId("one-time-password").textContent())!.trim();
  expect(second).not.toBe(password);
  await reset.getByRole("button", { name: "Done" }).click();

  // Removal needs a reason.
  await row.getByRole("button", { name: `Remove ${email}` }).click();
  const remove = page.getByRole("dialog", { name: `Remove user: ${email}` });
  await remove.getByRole("button", { name: "Remove user" }).click();
  await expect(remove.getByText("Give a reason (at least 3 characters)")).toBeVisible();
  await remove.getByLabel("Reason").fill("left the team");
  await remove.getByRole("button", { name: "Remove user" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
  await theirs.close();

  // The audit log, filtered in the URL: what happened to this user, readable, and as CSV.
  await page.goto("/audit");
  await page.getByLabel("Target").fill(`user:${email}`);
  // Read as a URL: how the query is escaped is the router's business (nuqs leaves ":" and "@" as they are).
  await expect.poll(() => new URL(page.url()).searchParams.get("target")).toBe(`user:${email}`);
  const rows = page.getByRole("table", { name: "Audit log" }).getByRole("row");
  await expect(rows).toHaveCount(5 + 1); // create, their sign-in, role, reset, remove; and the header
  await expect(rows.filter({ hasText: "user.remove" })).toContainText("reason:left the team");
  await expect(rows.filter({ hasText: "user.update" }).first()).toContainText("password:reset (generated)");
  await expect(rows.filter({ hasText: "user.update" }).last()).toContainText("role:manager → supervisor");
  await page.reload();
  await expect(page.getByLabel("Target")).toHaveValue(`user:${email}`);
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  expect(csv.trim().split("\r\n")).toHaveLength(6);
  expect(csv).toContain("reason: left the team");
  expect(csv).not.toContain(second);
});

test("a manager has no users page and the API refuses them", async ({ page }) => {
  await signIn(page, "manager");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  const res = await page.request.get("/api/users");
  expect(res.status()).toBe(403);
  await page.goto("/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toHaveCount(0);
  // Sent home, and told why, once.
  await expect(page.getByRole("status").filter({ hasText: "You were brought here from /users" })).toHaveText(
    /that page is for admins, and you are signed in as campaign manager\./,
  );
  await expect(page).toHaveURL(/\/$/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText("You were brought here from")).toHaveCount(0);
});

// Scripting the console: an admin issues a token; `Authorization: Bearer` then acts as its user
// over plain HTTP (no cookie, no Origin), and stops working the moment it is revoked. And the
// tokens page: a manager makes a token of a lower role, uses it, and revokes it.
import { request as apiRequest } from "@playwright/test";
import { SEED } from "../sandbox/seed";
import { CONSOLE_URL } from "./support/env";
import { sandboxApi } from "./support/sandbox";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoSeriousViolations } from "./support/axe";

test("a token issued by an admin acts as its user, never sets a cookie, skips the origin rule, and can be revoked", async () => {
  const admin = await apiRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Origin: CONSOLE_URL } });
  expect((await admin.post("/api/auth/login", { data: { email: "admin@sandbox.local", password: "sandbox" } })).status()).toBe(200);
  const issued = await admin.post("/api/tokens", { data: { email: "manager@sandbox.local", name: "e2e script" } });
  expect(issued.status()).toBe(201);
  const { id, token } = (await issued.json()) as { id: string; token: string };

  const script = await apiRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const list = await script.get("/api/batches?limit=5");
  expect(list.status()).toBe(200);
  expect(list.headers()["set-cookie"]).toBeUndefined();
  expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  // A manager's write, from a script: no Origin header, and none needed with a token.
  const pause = await script.patch(`/api/batches/${SEED.batches.paused}`, { data: { paused: true } });
  expect(pause.status()).toBe(200);
  // ...but only with the user's own role: a manager cannot list users.
  expect((await script.get("/api/users")).status()).toBe(403);
  const audit = (await (await admin.get("/api/audit?limit=20")).json()) as { items: Array<{ action: string; actorEmail: string }> };
  expect(audit.items.find((e) => e.action === "batch.pause")?.actorEmail).toBe("manager@sandbox.local");

  // A bad token is nobody, even next to a valid session cookie.
  const bogus = await admin.get("/api/auth/me", { headers: { Authorization: "Bearer oc_nope" } });
  expect(bogus.status()).toBe(401);

  expect((await admin.delete(`/api/tokens/${id}`)).status()).toBe(200);
  expect((await script.get("/api/batches")).status()).toBe(401);
  expect((await sandboxApi<{ paused: boolean }>("GET", `/batches/${SEED.batches.paused}`)).paused).toBe(true);
  await script.dispose();
  await admin.dispose();
});

test("a manager makes a supervisor token on the tokens page, it works as a bearer token, and revoking it on the page stops it", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByRole("banner").getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  const name = `dashboard ${Date.now()}`;
  await page.getByLabel("Name (what uses it)").fill(name);
  // At most the manager's own role: no Admin to choose.
  const role = page.getByLabel("Role");
  await expect(role.locator("option")).toHaveText(["Supervisor", "Campaign manager"]);
  await role.selectOption("supervisor");
  await page.getByRole("button", { name: "Make token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toContainText("Copy it now: it is not shown again.");
  const token = (await page.getByTestId("token-value").innerText()).trim();
  expect(token).toMatch(/^oc_/);
  await expectNoSeriousViolations(page, "tokens page with a new token");

  const script = await apiRequest.newContext({ baseURL: CONSOLE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await script.get("/api/batches?limit=1")).status()).toBe(200);
  // A supervisor token: reads, but no manager's writes.
  expect((await script.patch(`/api/batches/${SEED.batches.paused}`, { data: { paused: true } })).status()).toBe(403);

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Supervisor");
  await expect(row).toContainText("manager@sandbox.local");
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  expect((await script.get("/api/batches?limit=1")).status()).toBe(401);
  await script.dispose();
});

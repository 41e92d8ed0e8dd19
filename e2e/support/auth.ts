import { expect, type Page } from "@playwright/test";
import type { Role } from "../../lib/schemas/roles";
import { CONSOLE_URL } from "./env";

const demoUser = (role: Role) => ({ email: `${role}@sandbox.local`, password: "sandbox" });

/**
 * Signs in as the sandbox demo user of that role through the sign-in API, then opens `path` and
 * waits for the signed-in header. Specs about something else need a session, not the form: going
 * through the form cost every test a second page load and a redirect. The form itself is covered
 * by `signInThroughForm` in the auth spec.
 */
export async function signIn(page: Page, role: Role, path = "/"): Promise<void> {
  const res = await page.request.post("/api/auth/login", { data: demoUser(role), headers: { Origin: CONSOLE_URL } });
  expect(res.status(), `sign-in as ${role}: ${await res.text()}`).toBe(200);
  await page.goto(path);
  await expect(page.getByTestId("current-user")).toHaveText(demoUser(role).email);
}

/** Signs in through the real sign-in form, as a person does. */
export async function signInThroughForm(page: Page, role: Role): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoUser(role).email);
  await page.getByLabel("Password").fill(demoUser(role).password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(demoUser(role).email);
}

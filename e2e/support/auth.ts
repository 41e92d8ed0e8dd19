import { expect, type Page } from "@playwright/test";
import type { Role } from "../../lib/schemas/roles";

/** Signs in through the real login form as the sandbox demo user of that role. */
export async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(`${role}@sandbox.local`);
  await page.getByLabel("Password").fill("sandbox");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(`${role}@sandbox.local`);
}

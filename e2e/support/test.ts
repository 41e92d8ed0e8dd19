// The `test` every spec uses: Playwright's, plus a watch for Content-Security-Policy violations.
// Any violation a page reports (a script or style the policy blocked) fails the test.
import { test as base, expect } from "@playwright/test";

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: async ({}, provide) => {
    await provide([]);
  },
  page: async ({ page, cspViolations }, provide) => {
    await page.exposeFunction("__reportCspViolation", (v: string) => cspViolations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(
          `${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname}`,
        );
      });
    });
    await provide(page);
    expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
  },
});

export { expect };

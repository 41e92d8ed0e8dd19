// The API reference renders in the browser from the console's own OpenAPI document, self-hosted,
// under the same Content-Security-Policy as every page (the fixture fails on any violation).
import { expect, test } from "./support/test";

test("the API reference at /api/docs lists the operations, with no policy violations", async ({ page }) => {
  const external: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("http://127.0.0.1")) external.push(r.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Outbound Console API/ })).toBeVisible();
  await expect(page.getByText("/api/batches/{batchId}/requests/remove").first()).toBeVisible();
  await expect(page.getByText(/^Issue an API token \(shown once\): for yourself/)).toBeVisible();
  expect(external).toEqual([]);
});

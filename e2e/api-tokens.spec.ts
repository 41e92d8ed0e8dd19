// Scripting the console: an admin issues a token; `Authorization: Bearer` then acts as its user
// over plain HTTP (no cookie, no Origin), and stops working the moment it is revoked.
import { request as apiRequest } from "@playwright/test";
import { SEED } from "../sandbox/seed";
import { CONSOLE_URL } from "./support/env";
import { sandboxApi } from "./support/sandbox";
import { expect, test } from "./support/test";

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

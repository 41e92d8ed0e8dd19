// Sign-in throttling and CSRF against the real login handler and a real SQLite store. Only the
// failure paths run here (a successful sign-in sets a cookie, which needs a Next request scope:
// the Playwright suite signs in for real).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { backoffMs } from "@/lib/server/auth/throttle";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
const { POST } = await import("./route");
const { getStore } = await import("@/lib/server/store");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const login = (email: string, password: string, address: string, origin?: string | null) =>
  h.call(POST, "/api/auth/login", { role: null, json: { email, password }, headers: { "x-client-ip": address }, origin });

describe("POST /api/auth/login", () => {
  it("refuses a cross-origin or origin-less sign-in (login CSRF) before looking at the password", async () => {
    for (const origin of ["http://evil.example", null]) {
      const res = await login("supervisor@sandbox.local", "sandbox", "10.0.0.1", origin);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
  });

  it("after 5 failures for one account: 429 with Retry-After, even with the right password, from any address", async () => {
    for (let i = 0; i < 5; i++) expect((await login("manager@sandbox.local", "wrong", `10.1.0.${i}`)).status).toBe(401);
    const res = await login("manager@sandbox.local", "sandbox", "10.1.0.99");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "too_many_requests" });
    expect(body.error.message).toMatch(/Wait \d+ (seconds|minutes)/);
  });

  it("after 5 failures from one address: 429 for any account tried from there, unknown emails alike", async () => {
    for (let i = 0; i < 5; i++) expect((await login(`nobody${i}@x.io`, "wrong", "10.2.0.1")).status).toBe(401);
    expect((await login("admin@sandbox.local", "sandbox", "10.2.0.1")).status).toBe(429);
    expect((await login("ghost@x.io", "whatever", "10.2.0.1")).status).toBe(429);
  });

  it("audits failures and the lockout, naming the email tried and the address", async () => {
    const entries = await getStore().audit.list({ limit: 100 });
    const failed = entries.filter((e) => e.action === "auth.login" && e.outcome === "failed" && e.target === "user:manager@sandbox.local");
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatchObject({ actorRole: "anonymous", detail: { address: expect.stringMatching(/^10\.1\.0\./) } });
    expect(entries.some((e) => e.action === "auth.lockout" && e.target === "user:manager@sandbox.local")).toBe(true);
  });

  it("backs off exponentially: 30 s after the 5th failure, doubling, at most 15 minutes", () => {
    expect([4, 5, 6, 7, 20].map(backoffMs)).toEqual([0, 30_000, 60_000, 120_000, 900_000]);
  });
});

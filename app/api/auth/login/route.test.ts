// Sign-in throttling and CSRF against the real login handler and a real SQLite store. Only the
// failure paths run here (a successful sign-in sets a cookie, which needs a Next request scope:
// the Playwright suite signs in for real).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { backoffMs, claimAttempt } from "@/lib/server/auth/throttle";

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

  it("50 guesses sent at once: only 5 passwords are checked (claimed atomically before the check), the rest 429 with Retry-After", async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => login("manager@sandbox.local", "wrong", "10.1.0.1")));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "too_many_requests" });
    expect(body.error.message).toMatch(/Wait \d+ (seconds|minutes)/);
  });

  it("one address's failures do not lock the account for its owner elsewhere (no lockout as denial of service)", async () => {
    // manager@ is held back from 10.1.0.1 (above); from another address it is checked as usual.
    expect((await login("manager@sandbox.local", "wrong", "10.9.9.9")).status).toBe(401);
  });

  it("the account itself slows down only after 20 failures from several addresses, with backoff", async () => {
    for (let i = 0; i < 20; i++) expect((await login("admin@sandbox.local", "wrong", `10.3.${i}.1`)).status).toBe(401);
    expect((await login("admin@sandbox.local", "wrong", "10.3.99.1")).status).toBe(429);
  });

  it("an unknown email is throttled exactly like a known one", async () => {
    const run = async (email: string, address: string) => {
      const out: number[] = [];
      for (let i = 0; i < 7; i++) out.push((await login(email, "wrong", address)).status);
      return out;
    };
    const known = await run("supervisor@sandbox.local", "10.4.0.1");
    expect(known).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await run("ghost@x.io", "10.4.0.2")).toEqual(known);
  });

  it("one address trying many accounts (spraying) is held back after 50 failures, not after 5", async () => {
    for (let i = 0; i < 50; i++) expect((await login(`nobody${i}@x.io`, "wrong", "10.2.0.1")).status).toBe(401);
    expect((await login("someone-else@x.io", "whatever", "10.2.0.1")).status).toBe(429);
  });

  it("audits failures and the backoff, naming the email tried and the address", async () => {
    const entries = await getStore().audit.list({ limit: 500 });
    const failed = entries.filter((e) => e.action === "auth.login" && e.outcome === "failed" && e.target === "user:manager@sandbox.local");
    expect(failed).toHaveLength(6);
    expect(failed.at(-1)).toMatchObject({ actorRole: "anonymous", detail: { address: "10.1.0.1" } });
    expect(entries.some((e) => e.action === "auth.lockout" && e.target === "user:manager@sandbox.local")).toBe(true);
  });

  it("an admin's unlock clears what the account and its addresses counted", async () => {
    const { unlockAccount } = await import("@/lib/server/auth/throttle");
    await unlockAccount("manager@sandbox.local");
    expect((await login("manager@sandbox.local", "wrong", "10.1.0.1")).status).toBe(401);
  });

  it("backs off exponentially: 30 s after the 5th failure, doubling, at most 15 minutes", () => {
    expect([4, 5, 6, 7, 20].map((n) => backoffMs(n))).toEqual([0, 30_000, 60_000, 120_000, 900_000]);
    expect([19, 20, 21].map((n) => backoffMs(n, 20))).toEqual([0, 30_000, 60_000]);
  });

  it("two sign-ins at once (two tabs, two instances) both go ahead: a claim stamped a moment later by the other is no backoff", async () => {
    // Instance A stamps its claim at t+5 ms and takes the lock first; B read its clock at t. Before
    // the fix B was refused with "Wait 1 seconds" (CI: the scale-out e2e signing in on both instances).
    const t = Date.now();
    expect((await claimAttempt("both@sandbox.local", "10.7.0.1", t + 5)).ok).toBe(true);
    expect(await claimAttempt("both@sandbox.local", "10.7.0.1", t)).toMatchObject({ ok: true });
  });
});

describe("PASSWORD_LOGIN=off", () => {
  it("a right password of a non-admin is refused with a sentence pointing to single sign-on (admins are the break-glass accounts)", async () => {
    const { resetConfigForTests } = await import("@/lib/server/env");
    process.env.PASSWORD_LOGIN = "off";
    resetConfigForTests();
    try {
      const res = await login("supervisor@sandbox.local", "sandbox", "10.9.0.1");
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        "Sign in with single sign-on: password sign-in is kept for the console's break-glass admins.",
      );
      const [entry] = await getStore().audit.list({ action: "auth.login", limit: 1 });
      expect(entry).toMatchObject({ actorEmail: "supervisor@sandbox.local", outcome: "failed", detail: { reason: "password sign-in is off" } });
    } finally {
      delete process.env.PASSWORD_LOGIN;
      resetConfigForTests();
    }
  });
});

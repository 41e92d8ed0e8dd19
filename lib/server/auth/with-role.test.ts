import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "./current-user";

// The session cookie needs a Next request scope (next/headers), which vitest does not have; the
// cookie lookup is the one thing replaced here. The Playwright suite covers real sessions.
let currentUser: SessionUser | null = null;
vi.mock("./current-user", () => ({ identify: async () => currentUser }));

const { withRole, json } = await import("./with-role");
const { ApiError } = await import("@/lib/server/errors");

const handler = withRole<{ id: string }>("manager", async ({ user, params }) => json({ who: user.email, id: params.id }));
const call = () => handler(new Request("http://x/api/thing"), { params: Promise.resolve({ id: "a b" }) });
const as = (role: SessionUser["role"]): SessionUser => ({ id: 1, email: `${role}@x.io`, role });

describe("withRole", () => {
  beforeEach(() => {
    currentUser = null;
  });

  it("answers 401 in the error shape when nobody is signed in", async () => {
    const res = await call();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Please sign in to continue." } });
  });

  it("answers 403 naming the needed role when the role is too low", async () => {
    currentUser = as("supervisor");
    const res = await call();
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toContain("Campaign manager");
  });

  it.each(["manager", "admin"] as const)("lets a %s through with the awaited params", async (role) => {
    currentUser = as(role);
    const res = await call();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ who: `${role}@x.io`, id: "a b" });
  });

  it("refuses a path id that is too long or not valid text with 400, by the front server's rule", async () => {
    currentUser = as("admin");
    for (const id of ["x".repeat(257), "a\u0000b", "\uD800"]) {
      const res = await handler(new Request("http://x/api/thing"), { params: Promise.resolve({ id }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
  });

  it("turns thrown ApiErrors and unexpected errors into the contract without leaking internals", async () => {
    currentUser = as("admin");
    const conflict = withRole("supervisor", async () => {
      throw new ApiError("conflict", "Changed meanwhile.", { hourly_rate: "changed" });
    });
    const res1 = await conflict(new Request("http://x"), { params: Promise.resolve({}) });
    expect(res1.status).toBe(409);
    expect(await res1.json()).toEqual({ error: { code: "conflict", message: "Changed meanwhile.", fields: { hourly_rate: "changed" } } });

    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = withRole("supervisor", async () => {
      throw new Error("SELECT * FROM secret_table failed at /srv/app.js:12");
    });
    const res2 = await boom(new Request("http://x"), { params: Promise.resolve({}) });
    spy.mockRestore();
    expect(res2.status).toBe(500);
    const text = await res2.text();
    expect(text).not.toContain("secret_table");
    expect(JSON.parse(text).error.code).toBe("internal");
  });
});

import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "./current-user";

// The session cookie needs a Next request scope (next/headers), which vitest does not have; the
// cookie lookup is the one thing replaced here. The Playwright suite covers real sessions.
let currentUser: SessionUser | null = null;
vi.mock("./current-user", () => ({ identify: async () => currentUser }));

const { withRole, json } = await import("./with-role");
const { ApiError } = await import("@/lib/server/errors");

// A declared manager route whose body the handler reads itself (multipart), so only the role and the params are checked here.
const handler = withRole("POST /api/batches/[batchId]/upload", async ({ user, params }) => json({ who: user.email, id: params.batchId }));
const post = (url = "http://x/api/thing", init: RequestInit = {}) =>
  new Request(url, { method: "POST", ...init, headers: { origin: "http://x", ...init.headers } });
const call = () => handler(post(), { params: Promise.resolve({ batchId: "a b" }) });
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
      const res = await handler(post(), { params: Promise.resolve({ batchId: id }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
  });

  it("turns thrown ApiErrors and unexpected errors into the contract without leaking internals", async () => {
    currentUser = as("admin");
    const conflict = withRole("GET /api/auth/me", async () => {
      throw new ApiError("conflict", "Changed meanwhile.", { hourly_rate: "changed" });
    });
    const res1 = await conflict(new Request("http://x"), { params: Promise.resolve({}) });
    expect(res1.status).toBe(409);
    expect(await res1.json()).toEqual({ error: { code: "conflict", message: "Changed meanwhile.", fields: { hourly_rate: "changed" } } });

    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = withRole("GET /api/auth/me", async () => {
      throw new Error("SELECT * FROM secret_table failed at /srv/app.js:12");
    });
    const res2 = await boom(new Request("http://x"), { params: Promise.resolve({}) });
    spy.mockRestore();
    expect(res2.status).toBe(500);
    const text = await res2.text();
    expect(text).not.toContain("secret_table");
    expect(JSON.parse(text).error.code).toBe("internal");
  });

  it("takes the role from the route's declaration, and knows which route it serves", async () => {
    const users = withRole("GET /api/users", async () => json({ ok: true }));
    expect(users.route).toBe("GET /api/users");
    currentUser = as("manager");
    expect((await users(new Request("http://x/api/users"), { params: Promise.resolve({}) })).status).toBe(403);
    currentUser = as("admin");
    expect((await users(new Request("http://x/api/users"), { params: Promise.resolve({}) })).status).toBe(200);
  });

  it("parses the query and the JSON body with the declared schemas before the handler runs (422 with field errors)", async () => {
    currentUser = as("admin");
    const seen: unknown[] = [];
    const followUp = withRole("POST /api/batches/[batchId]/follow-up", async ({ query, body }) => {
      seen.push({ query, body });
      return json({ ok: true });
    });
    const params = { params: Promise.resolve({ batchId: "b1" }) };
    const badQuery = await followUp(
      post("http://x/api/batches/b1/follow-up?dry_run=maybe", { body: "{}", headers: { "content-type": "application/json" } }),
      params,
    );
    expect(badQuery.status).toBe(422);
    expect(((await badQuery.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("dry_run");
    const badBody = await followUp(
      post("http://x/api/batches/b1/follow-up", { body: '{"status": 5}', headers: { "content-type": "application/json" } }),
      params,
    );
    expect(badBody.status).toBe(422);
    expect(seen).toEqual([]);
    const body = JSON.stringify({ batch_id: "b1-retry", expires_on: new Date(Date.now() + 86_400_000).toISOString(), status: "FAILED" });
    const ok = await followUp(post("http://x/api/batches/b1/follow-up?dry_run=true", { body, headers: { "content-type": "application/json" } }), params);
    expect(ok.status).toBe(200);
    expect(seen).toEqual([{ query: { dry_run: "true" }, body: expect.objectContaining({ batch_id: "b1-retry", status: "FAILED" }) }]);
  });

  it("lets anyone call a public route without asking who is signed in, but refuses a write from another origin", async () => {
    const logout = withRole("POST /api/auth/logout", async ({ user }) => json({ user }));
    const res = await logout(post(), { params: Promise.resolve({}) });
    expect(await res.json()).toEqual({ user: null });
    const forged = await logout(post("http://x/api/auth/logout", { headers: { origin: "http://evil.example" } }), { params: Promise.resolve({}) });
    expect(forged.status).toBe(403);
  });
});

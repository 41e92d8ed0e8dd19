// API tokens against the real handlers and SQLite store: issued by an admin, shown once, stored
// hashed, acting as their user, revocable. (The browser-level test sends them over HTTP.)
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TokenCreated, TokenInfo } from "@/lib/schemas/tokens";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
const tokensRoute = await import("./route");
const tokenRoute = await import("./[tokenId]/route");
const { userFromToken, hashToken } = await import("@/lib/server/auth/api-tokens");
const { getStore } = await import("@/lib/server/store");
const { hashPassword } = await import("@/lib/server/auth/password");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await getStore().users.create({ email: "script@x.io", role: "manager", passwordHash: await hashPassword("a-long-password") });
});
afterAll(async () => {
  await h?.close();
});

const issue = (json: unknown) => h.call(tokensRoute.POST, "/api/tokens", { role: "admin", json });

describe("/api/tokens", () => {
  it("issues a token shown once, stores only its hash, and it acts as its user with that user's role", async () => {
    const res = await issue({ email: "script@x.io", name: "nightly export" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as TokenCreated;
    expect(created.token).toMatch(/^oc_[0-9a-f]{12}_[\w-]{43}$/);
    const stored = await getStore().tokens.findByHash(hashToken(created.token));
    expect(stored).toMatchObject({ id: created.id, name: "nightly export" });
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect(await userFromToken(created.token)).toMatchObject({ email: "script@x.io", role: "manager", via: "token" });
    const list = (await (await h.call(tokensRoute.GET, "/api/tokens", { role: "admin" })).json()) as { items: TokenInfo[] };
    const listed = list.items.find((t) => t.id === created.id)!;
    expect(listed).toMatchObject({ email: "script@x.io", name: "nightly export" });
    expect(listed.last_used_at).not.toBeNull(); // the lookup above used it
    expect(JSON.stringify(list)).not.toContain(created.token);
  });

  it("refuses unknown users and past expiries with field errors; a token past its expiry or altered acts as nobody", async () => {
    expect((await issue({ email: "ghost@x.io", name: "x" })).status).toBe(422);
    const past = await issue({ email: "script@x.io", name: "x", expires_at: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(422);
    expect(((await past.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("expires_at");
    const created = (await (
      await issue({ email: "script@x.io", name: "short", expires_at: new Date(Date.now() + 60_000).toISOString() })
    ).json()) as TokenCreated;
    expect(await userFromToken(created.token)).not.toBeNull();
    expect(await userFromToken(created.token.slice(0, -1) + (created.token.endsWith("A") ? "B" : "A"))).toBeNull();
    await getStore().tokens.create({
      ...(await getStore().tokens.findByHash(hashToken(created.token)))!,
      id: "expired1",
      tokenHash: hashToken("oc_expired"),
      expiresAt: "2020-01-01T00:00:00Z",
    });
    expect(await userFromToken("oc_expired")).toBeNull();
  });

  it("revokes at once (audited); revoking again is 404; removing the user removes their tokens", async () => {
    const created = (await (await issue({ email: "script@x.io", name: "to revoke" })).json()) as TokenCreated;
    const del = await h.call(tokenRoute.DELETE, `/api/tokens/${created.id}`, { role: "admin", method: "DELETE", params: { tokenId: created.id } });
    expect(del.status).toBe(200);
    expect(await userFromToken(created.token)).toBeNull();
    const again = await h.call(tokenRoute.DELETE, `/api/tokens/${created.id}`, { role: "admin", method: "DELETE", params: { tokenId: created.id } });
    expect(again.status).toBe(404);
    const audit = await getStore().audit.list({ limit: 20 });
    expect(audit.some((e) => e.action === "token.revoke" && e.target === `token:${created.id}` && e.outcome === "ok")).toBe(true);
    expect(audit.some((e) => e.action === "token.create" && e.detail.name === "to revoke")).toBe(true);

    const kept = (await (await issue({ email: "script@x.io", name: "kept" })).json()) as TokenCreated;
    await getStore().users.remove("script@x.io");
    expect(await userFromToken(kept.token)).toBeNull();
    expect(await getStore().tokens.findByHash(hashToken(kept.token))).toBeUndefined();
  });
});

describe("/api/tokens for everyone (the tokens page)", () => {
  const as = (role: "supervisor" | "manager" | "admin", json: unknown) => h.call(tokensRoute.POST, "/api/tokens", { role, json });
  const future = () => new Date(Date.now() + 86_400_000).toISOString();
  beforeAll(async () => {
    for (const role of ["supervisor", "manager", "admin"] as const)
      await getStore().users.create({ email: `${role}@sandbox.local`, role, passwordHash: await hashPassword("a-long-password") });
  });

  it("a manager makes their own token, at most their role; a lower role limits what it does", async () => {
    const res = await as("manager", { name: "read-only dashboards", role: "supervisor", expires_at: future() });
    expect(res.status, await res.clone().text()).toBe(201);
    const made = (await res.json()) as TokenCreated;
    expect(made).toMatchObject({ email: "manager@sandbox.local", role: "supervisor", created_by: "manager@sandbox.local" });
    expect(await userFromToken(made.token)).toMatchObject({ email: "manager@sandbox.local", role: "supervisor" });
    // More than their own role: a field error in a sentence.
    const tooMuch = await as("manager", { name: "x", role: "admin", expires_at: future() });
    expect(tooMuch.status).toBe(422);
    expect(((await tooMuch.json()) as { error: { fields: Record<string, string> } }).error.fields.role).toBe("At most Campaign manager");
    // Someone else's: admins only.
    expect((await as("manager", { name: "x", email: "supervisor@sandbox.local" })).status).toBe(403);
  });

  it("non-admins list and revoke only their own tokens; a demoted user's tokens are demoted with them", async () => {
    const mine = (await (await as("supervisor", { name: "my script", expires_at: future() })).json()) as TokenCreated;
    const theirs = (await (await as("admin", { name: "admin's script", expires_at: future() })).json()) as TokenCreated;
    const list = (await (await h.call(tokensRoute.GET, "/api/tokens", { role: "supervisor" })).json()) as { items: TokenInfo[] };
    expect(list.items.map((t) => t.id)).toContain(mine.id);
    expect(list.items.every((t) => t.email === "supervisor@sandbox.local")).toBe(true);
    const revokeAs = (role: "supervisor" | "admin", id: string) =>
      h.call(tokenRoute.DELETE, `/api/tokens/${id}`, { role, method: "DELETE", params: { tokenId: id } });
    expect((await revokeAs("supervisor", theirs.id)).status).toBe(404);
    expect(await userFromToken(theirs.token)).not.toBeNull();
    expect((await revokeAs("supervisor", mine.id)).status).toBe(200);
    expect(await userFromToken(mine.token)).toBeNull();

    const adminToken = (await (await as("admin", { name: "admin tool", role: "admin", expires_at: future() })).json()) as TokenCreated;
    await getStore().users.setRole("admin@sandbox.local", "manager");
    try {
      expect(await userFromToken(adminToken.token)).toMatchObject({ role: "manager" });
    } finally {
      await getStore().users.setRole("admin@sandbox.local", "admin");
    }
  });
});

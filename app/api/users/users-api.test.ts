// User management against the real handlers and SQLite store: listed with last sign-in, added
// with a password shown once, role and password changes ending sessions, every change audited,
// and never without an admin.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserChangeResponse, UserListResponse } from "@/lib/schemas/users";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
const usersRoute = await import("./route");
const userRoute = await import("./[userId]/route");
const unlockRoute = await import("./[userId]/unlock/route");
const { getStore } = await import("@/lib/server/store");
const { verifyPassword } = await import("@/lib/server/auth/password");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type ErrBody = { error: { code: string; message: string; fields?: Record<string, string> } };
const add = (json: unknown) => h.call(usersRoute.POST, "/api/users", { role: "admin", json });
const patch = (id: number, json: unknown) =>
  h.call(userRoute.PATCH, `/api/users/${id}`, { role: "admin", method: "PATCH", params: { userId: String(id) }, json });
const remove = (id: number, json: unknown) =>
  h.call(userRoute.DELETE, `/api/users/${id}`, { role: "admin", method: "DELETE", params: { userId: String(id) }, json });
async function sessionFor(userId: number) {
  const now = new Date().toISOString();
  await getStore().sessions.create({
    idHash: `h-${userId}-${Math.random()}`,
    userId,
    createdAt: now,
    lastSeenAt: now,
    userAgent: "test",
    address: "127.0.0.1",
  });
}
/** How many sessions the user still had (the port has no list: ending them counts them). */
const sessionsOf = (userId: number) => getStore().sessions.removeForUser(userId);

describe("/api/users", () => {
  it("adds a user with a generated password shown once, or the admin's own; validates; refuses a second account", async () => {
    const res = await add({ email: "New.Person@Example.com", role: "manager" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as UserChangeResponse;
    expect(body.user).toMatchObject({ email: "new.person@example.com", role: "manager", last_sign_in_at: null });
    expect(body.password).toMatch(/^[\w-]{20}$/);
    const stored = await getStore().users.findByEmail("new.person@example.com");
    expect(await verifyPassword(body.password!, stored!.passwordHash)).toBe(true);
    expect(JSON.stringify(await getStore().audit.list({ target: "user:new.person@example.com" }))).not.toContain(body.password!);

    const own = (await (await add({ email: "own@example.com", role: "supervisor", password: "a-password-of-mine" })).json()) as UserChangeResponse;
    expect(own.password).toBeUndefined();

    const again = await add({ email: "new.person@example.com", role: "admin" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrBody).error.fields?.email).toMatch(/already/);
    const bad = await add({ email: "nope", role: "boss", password: "short" });
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as ErrBody).error.fields!).sort()).toEqual(["email", "password", "role"]);
    // Long enough, but on the list attackers try first (also with a year and a sign on it).
    for (const password of ["qwerty123456789", "Password2024!!"]) {
      const common = await add({ email: "common@example.com", role: "supervisor", password });
      expect(common.status).toBe(422);
      expect(((await common.json()) as ErrBody).error.fields?.password).toMatch(/common passwords/);
    }
    expect(await getStore().users.findByEmail("common@example.com")).toBeUndefined();
  });

  it("lists users with their last sign-in", async () => {
    const u = (await getStore().users.findByEmail("own@example.com"))!;
    await getStore().audit.add({
      at: "2026-11-30T10:00:00.000Z",
      actorEmail: u.email,
      actorRole: "supervisor",
      action: "auth.login",
      target: `user:${u.email}`,
      outcome: "ok",
      detail: {},
    });
    await getStore().audit.add({
      at: "2026-11-30T11:00:00.000Z",
      actorEmail: u.email,
      actorRole: "anonymous",
      action: "auth.login",
      target: `user:${u.email}`,
      outcome: "failed",
      detail: {},
    });
    const list = (await (await h.call(usersRoute.GET, "/api/users", { role: "admin" })).json()) as UserListResponse;
    expect(list.items.find((x) => x.email === u.email)).toMatchObject({ role: "supervisor", last_sign_in_at: "2026-11-30T10:00:00.000Z" });
  });

  it("changes a role and resets a password, each ending the user's sessions and audited without the password", async () => {
    const u = (await getStore().users.findByEmail("own@example.com"))!;
    await sessionFor(u.id);
    const res = await patch(u.id, { role: "manager", reason: "leads the night shift" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as UserChangeResponse).user.role).toBe("manager");
    expect(await sessionsOf(u.id)).toBe(0); // already ended by the change

    await sessionFor(u.id);
    const reset = (await (await patch(u.id, { reset_password: true })).json()) as UserChangeResponse;
    expect(reset.password).toMatch(/^[\w-]{20}$/);
    expect(await verifyPassword(reset.password!, (await getStore().users.findById(u.id))!.passwordHash)).toBe(true);
    expect(await sessionsOf(u.id)).toBe(0);
    const entries = (await getStore().audit.list({ action: "user.update", target: `user:${u.email}` })).map((e) => e.detail);
    expect(entries).toEqual([
      expect.objectContaining({ password: "reset (generated)" }),
      expect.objectContaining({ role: { from: "supervisor", to: "manager" }, reason: "leads the night shift" }),
    ]);
    expect((await patch(u.id, { reason: "only a reason" })).status).toBe(422); // a reason alone changes nothing
    expect(JSON.stringify(entries)).not.toContain(reset.password!);
    expect((await patch(u.id, {})).status).toBe(422);
    expect((await patch(999_999, { role: "admin" })).status).toBe(404);
  });

  it("never demotes or removes the last admin; removes others with a reason, their sessions and tokens too", async () => {
    for (const u of await getStore().users.list()) if (u.role === "admin") await getStore().users.setRole(u.email, "manager");
    const admin = (await (await add({ email: "only-admin@example.com", role: "admin" })).json()) as UserChangeResponse;
    const demote = await patch(admin.user.id, { role: "manager" });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as ErrBody).error.message).toMatch(/last admin/);
    expect((await remove(admin.user.id, { reason: "leaving" })).status).toBe(409);
    expect((await getStore().users.findById(admin.user.id))?.role).toBe("admin");

    const other = (await (await add({ email: "leaver@example.com", role: "manager" })).json()) as UserChangeResponse;
    await sessionFor(other.user.id);
    expect((await remove(other.user.id, {})).status).toBe(422);
    const res = await remove(other.user.id, { reason: "left the team" });
    expect(res.status).toBe(200);
    expect(await getStore().users.findById(other.user.id)).toBeUndefined();
    expect(await sessionsOf(other.user.id)).toBe(0);
    const [entry] = await getStore().audit.list({ action: "user.remove", target: "user:leaver@example.com" });
    expect(entry).toMatchObject({ outcome: "ok", detail: { reason: "left the team", role: "manager" } });

    // With a second admin, the first may step down.
    await patch(other.user.id, { role: "admin" }).then((r) => expect(r.status).toBe(404));
    const second = (await (await add({ email: "second-admin@example.com", role: "admin" })).json()) as UserChangeResponse;
    expect((await patch(admin.user.id, { role: "supervisor" })).status).toBe(200);
    expect((await remove(second.user.id, { reason: "test" })).status).toBe(409);
  });

  it("an admin unlocks a user's sign-in: the account's and its addresses' failures are forgotten, audited", async () => {
    const target = ((await (await add({ email: "locked.out@example.com", role: "supervisor" })).json()) as UserChangeResponse).user;
    const at = new Date().toISOString();
    for (const key of [
      "email:locked.out@example.com",
      "pair:locked.out@example.com|10.7.0.1",
      "pair:locked.out@example.com|10.7.0.2",
      "pair:other@x.io|10.7.0.1",
    ]) {
      await getStore().loginAttempts.addFailure(key, at);
    }
    const res = await h.call(unlockRoute.POST, `/api/users/${target.id}/unlock`, { role: "admin", method: "POST", params: { userId: String(target.id) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unlocked: true, id: target.id });
    for (const key of ["email:locked.out@example.com", "pair:locked.out@example.com|10.7.0.1", "pair:locked.out@example.com|10.7.0.2"]) {
      expect(await getStore().loginAttempts.failuresSince(key, "")).toEqual([]);
    }
    expect(await getStore().loginAttempts.failuresSince("pair:other@x.io|10.7.0.1", "")).toHaveLength(1);
    expect((await getStore().audit.list({ action: "user.unlock" }))[0]).toMatchObject({ target: "user:locked.out@example.com", outcome: "ok" });
    expect((await h.call(unlockRoute.POST, "/api/users/987654/unlock", { role: "admin", method: "POST", params: { userId: "987654" } })).status).toBe(404);
  });
});

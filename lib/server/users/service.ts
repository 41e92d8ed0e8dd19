import "server-only";
import { unlockAccount } from "@/lib/server/auth/throttle";
import { passwordProblem } from "@/lib/server/auth/password-policy";
// User management for admins (the browser's counterpart of the users CLI). Every change is
// audited and ends the user's sessions; the last admin can be neither demoted nor removed.
import crypto from "node:crypto";
import type { Role } from "@/lib/schemas/roles";
import type { UserChangeResponse, UserCreate, UserInfo, UserUpdate } from "@/lib/schemas/users";
import type { PasswordChange } from "@/lib/schemas/auth";
import { audited } from "@/lib/server/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { ApiError } from "@/lib/server/errors";
import { getStore, type User } from "@/lib/server/store";
import { isLastAdminError } from "@/lib/server/store/types";

/** 20 random characters (about 119 bits), shown once to the admin. */
function generatedPassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}

async function lastSignIn(email: string): Promise<string | null> {
  const [entry] = await getStore().audit.list({ action: "auth.login", actor: email, outcome: "ok", limit: 1 });
  return entry?.at ?? null;
}

async function info(u: User): Promise<UserInfo> {
  return { id: u.id, email: u.email, role: u.role, created_at: u.createdAt, last_sign_in_at: await lastSignIn(u.email) };
}

async function mustFind(id: number): Promise<User> {
  const user = await getStore().users.findById(id);
  if (!user) throw new ApiError("not_found", "There is no such user (removed meanwhile?).");
  return user;
}

/** Refuses a change that would leave the console without an admin. */
async function keepAnAdmin(user: User, newRole: Role | null): Promise<void> {
  if (user.role !== "admin" || newRole === "admin") return;
  const admins = (await getStore().users.list()).filter((u) => u.role === "admin");
  if (admins.length <= 1) {
    throw new ApiError(
      "conflict",
      `${user.email} is the last admin: make someone else an admin first.`,
      newRole ? { role: "The last admin keeps the admin role" } : undefined,
    );
  }
}

/**
 * Runs a write the store checks for the last admin in the same transaction (two admins demoting
 * each other at once cannot leave none; keepAnAdmin above is only the quick, friendly check).
 */
async function lastAdminKept<T>(user: User, newRole: Role | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isLastAdminError(err)) throw err;
    throw new ApiError(
      "conflict",
      `${user.email} is the last admin: make someone else an admin first.`,
      newRole ? { role: "The last admin keeps the admin role" } : undefined,
    );
  }
}

export async function listUsers(): Promise<UserInfo[]> {
  return Promise.all((await getStore().users.list()).map(info));
}

export async function createUser(admin: SessionUser, input: UserCreate): Promise<UserChangeResponse> {
  const store = getStore();
  if (await store.users.findByEmail(input.email))
    throw new ApiError("conflict", `${input.email} has an account already.`, { email: "This email has an account already" });
  refuseWeakPassword(input.password, input.email);
  const password = input.password ?? generatedPassword();
  const passwordHash = await hashPassword(password);
  const detail = { role: input.role, password: input.password ? "set by the admin" : "generated", ...(input.reason ? { reason: input.reason } : {}) };
  const user = await audited(admin, "user.create", `user:${input.email}`, detail, () =>
    store.users.create({ email: input.email, role: input.role, passwordHash }),
  );
  return { user: await info(user), ...(input.password ? {} : { password }) };
}

export async function updateUser(admin: SessionUser, id: number, patch: UserUpdate): Promise<UserChangeResponse> {
  const store = getStore();
  const user = await mustFind(id);
  const newRole = patch.role !== undefined && patch.role !== user.role ? patch.role : null;
  if (newRole) await keepAnAdmin(user, newRole);
  refuseWeakPassword(patch.password, user.email);
  const password = patch.reset_password ? generatedPassword() : patch.password;
  // What changed, never the password itself.
  const changes: Record<string, unknown> = {
    ...(newRole ? { role: { from: user.role, to: newRole } } : {}),
    ...(password !== undefined ? { password: patch.reset_password ? "reset (generated)" : "changed" } : {}),
  };
  if (Object.keys(changes).length === 0) return { user: await info(user) };
  if (patch.reason) changes.reason = patch.reason;
  const passwordHash = password !== undefined ? await hashPassword(password) : null;
  await audited(admin, "user.update", `user:${user.email}`, changes, async () => {
    if (newRole) await lastAdminKept(user, newRole, () => store.users.setRole(user.email, newRole, { keepAnAdmin: true }));
    if (passwordHash) await store.users.setPassword(user.email, passwordHash);
    // Whatever changed, the user signs in again: a role change must not wait for a session to end.
    await store.sessions.removeForUser(user.id);
  });
  return { user: await info((await store.users.findById(id)) ?? user), ...(patch.reset_password ? { password } : {}) };
}

export async function removeUser(admin: SessionUser, id: number, reason: string): Promise<{ removed: true; id: number }> {
  const user = await mustFind(id);
  await keepAnAdmin(user, null);
  // The store removes the user's sessions and API tokens with it, in one transaction.
  await audited(admin, "user.remove", `user:${user.email}`, { role: user.role, reason }, () =>
    lastAdminKept(user, null, () => getStore().users.remove(user.email, { keepAnAdmin: true })),
  );
  return { removed: true, id };
}

/** A password someone chose (not a generated one) must not be common or built on the email (a field error). */
export function refuseWeakPassword(password: string | undefined, email: string): void {
  const problem = password === undefined ? null : passwordProblem(password, email);
  if (problem) throw new ApiError("validation_failed", "Some fields need fixing.", { password: problem });
}

/** A user id from the address; anything else is "no such user". */
export function userIdOf(raw: string): number {
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new ApiError("not_found", "There is no such user.");
  return id;
}

/** Clears the sign-in backoff counted against a user's account, from every address (audited). */
export async function unlockUser(admin: SessionUser, id: number): Promise<{ unlocked: true; id: number }> {
  const user = await mustFind(id);
  await audited(admin, "user.unlock", `user:${user.email}`, {}, () => unlockAccount(user.email));
  return { unlocked: true, id };
}

/**
 * A person's own password change (signed in with a session, not a token): the current password
 * must be right (a wrong one counts as a failed sign-in), the new one pass the policy; then every
 * session of theirs ends. Audited, never the password. Returns the user, for the route to start
 * this browser's fresh session (this service stays free of cookies: the users CLI runs it too).
 */
export async function changeOwnPassword(me: SessionUser, input: PasswordChange): Promise<User> {
  if (me.via === "token") throw new ApiError("forbidden", "A password is changed in the console's pages, not with an API token.");
  const store = getStore();
  const user = await store.users.findById(me.id);
  if (!user) throw new ApiError("unauthorized", "Please sign in to continue.");
  if (!(await verifyPassword(input.current_password, user.passwordHash))) {
    throw new ApiError("validation_failed", "Some fields need fixing.", { current_password: "That is not your current password." });
  }
  if (input.new_password === input.current_password)
    throw new ApiError("validation_failed", "Some fields need fixing.", { new_password: "Choose a password different from the current one." });
  const problem = passwordProblem(input.new_password, user.email);
  if (problem) throw new ApiError("validation_failed", "Some fields need fixing.", { new_password: problem });
  const passwordHash = await hashPassword(input.new_password);
  await audited(me, "user.password", `user:${user.email}`, { password: "changed by themselves" }, async () => {
    await store.users.setPassword(user.email, passwordHash);
    await store.sessions.removeForUser(user.id);
  });
  return user;
}

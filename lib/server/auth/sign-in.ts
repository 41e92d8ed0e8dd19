import "server-only";
// Signing in with an email and a password: throttled per account and address, timed the same
// for known and unknown emails, every attempt audited.
import type { LoginInput } from "@/lib/schemas/auth";
import { recordAudit } from "@/lib/server/audit";
import { getConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import { ensureDemoUsers } from "./demo-users";
import { dummyPasswordHash, verifyPassword } from "./password";
import { startSession } from "./session";
import type { SessionUser } from "./session-user";
import { claimAttempt, failedAttempt, releaseAttempt, throttledError } from "./throttle";

/** Checks the credentials and starts a session (the cookie is set on this response); answers who signed in. */
export async function signIn({ email, password }: LoginInput, address: string): Promise<Pick<SessionUser, "id" | "email" | "role">> {
  const auditAs = { actorEmail: email, actorRole: "anonymous" as const, target: `user:${email}` };
  // Claimed before the password is checked, atomically, the same way for known and unknown emails.
  const claim = await claimAttempt(email, address);
  if (!claim.ok) throw throttledError(claim.until);

  await ensureDemoUsers();
  const user = await getStore().users.findByEmail(email);
  // Verify against a dummy hash for unknown emails so response time does not reveal who has an account.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    const locked = await failedAttempt(claim);
    await recordAudit({ ...auditAs, action: "auth.login", outcome: "failed", detail: { address } });
    if (locked) await recordAudit({ ...auditAs, action: "auth.lockout", outcome: "ok", detail: { address } });
    throw new ApiError("unauthorized", "That email and password don't match an account.");
  }
  await releaseAttempt(claim);
  const cfg = getConfig();
  if (!cfg.passwordLogin && user.role !== "admin") {
    await recordAudit({ ...auditAs, actorRole: user.role, action: "auth.login", outcome: "failed", detail: { address, reason: "password sign-in is off" } });
    throw new ApiError("forbidden", `Sign in with ${cfg.oidc?.name ?? "single sign-on"}: password sign-in is kept for the console's break-glass admins.`);
  }
  await startSession(user);
  await recordAudit({ ...auditAs, actorRole: user.role, action: "auth.login", outcome: "ok", detail: { address } });
  return { id: user.id, email: user.email, role: user.role };
}

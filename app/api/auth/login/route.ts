import { loginSchema } from "@/lib/schemas/auth";
import { recordAudit } from "@/lib/server/audit";
import { ensureDemoUsers } from "@/lib/server/auth/demo-users";
import { dummyPasswordHash, verifyPassword } from "@/lib/server/auth/password";
import { startSession } from "@/lib/server/auth/session";
import { claimAttempt, failedAttempt, releaseAttempt, throttledError } from "@/lib/server/auth/throttle";
import { json } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";
import { ApiError, errorResponse } from "@/lib/server/errors";
import { parseJsonBody } from "@/lib/server/http/body";
import { clientAddress } from "@/lib/server/http/client-address";
import { assertSameOrigin } from "@/lib/server/http/same-origin";
import { getStore } from "@/lib/server/store";

/** A sign-in body is an email and a password: anything near this size is not one. */
const MAX_LOGIN_BYTES = 16 * 1024;

export async function POST(req: Request) {
  try {
    // Login CSRF would sign a victim into the attacker's account.
    assertSameOrigin(req);
    const { email, password } = await parseJsonBody(req, loginSchema, { maxBytes: MAX_LOGIN_BYTES });
    const address = clientAddress(req.headers);
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
    await startSession(user);
    await recordAudit({ ...auditAs, actorRole: user.role, action: "auth.login", outcome: "ok", detail: { address } });
    return json({ user: { id: user.id, email: user.email, role: user.role }, mode: getConfig().mode });
  } catch (err) {
    return errorResponse(err);
  }
}

import { providerSignOutUrl } from "@/lib/server/auth/oidc";
import { endSession } from "@/lib/server/auth/session";
import { json, withRole } from "@/lib/server/auth/with-role";
import { recordAudit } from "@/lib/server/audit";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { consoleOrigin } from "@/lib/server/http/same-origin";

/**
 * Deletes the stored session, so the cookie is worthless even if something kept a copy. After a
 * single sign-on, the answer also says where to end the provider's session (the page goes there).
 */
export const POST = withRole("POST /api/auth/logout", async ({ req }) => {
  const user = await getCurrentUser();
  await endSession();
  const endSessionUrl = await providerSignOutUrl(consoleOrigin(req));
  if (user) {
    await recordAudit({
      actorEmail: user.email,
      actorRole: user.role,
      action: "auth.logout",
      target: `user:${user.email}`,
      outcome: "ok",
      detail: endSessionUrl ? { provider_session: "ended" } : {},
    });
  }
  return json({ ok: true as const, ...(endSessionUrl ? { end_session_url: endSessionUrl } : {}) });
});

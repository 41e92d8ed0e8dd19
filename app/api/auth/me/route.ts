import { json, withRole } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";

/**
 * Who is signed in: id, email, role and how (a session or an API token); never the credential
 * itself or its hash (the session user carries it for revocation checks, not for answers).
 */
export const GET = withRole("GET /api/auth/me", async ({ user }) =>
  json({ user: { id: user.id, email: user.email, role: user.role, via: user.via ?? "session" }, mode: getConfig().mode }),
);

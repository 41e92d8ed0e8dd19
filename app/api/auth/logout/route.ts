import { endSession } from "@/lib/server/auth/session";
import { json, withRole } from "@/lib/server/auth/with-role";

/** Deletes the stored session, so the cookie is worthless even if something kept a copy. */
export const POST = withRole("POST /api/auth/logout", async () => {
  await endSession();
  return json({ ok: true });
});

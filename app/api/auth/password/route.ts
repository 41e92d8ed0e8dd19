import { json, withRole } from "@/lib/server/auth/with-role";
import { startSession } from "@/lib/server/auth/session";
import { changeOwnPassword } from "@/lib/server/users/service";

/** A person changes their own password: the current one is required; every other session ends, and this browser gets a fresh one. */
export const POST = withRole("POST /api/auth/password", async ({ body, user }) => {
  await startSession(await changeOwnPassword(user, body));
  return json({ changed: true });
});

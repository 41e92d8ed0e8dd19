import { passwordChangeSchema } from "@/lib/schemas/auth";
import { json, withRole } from "@/lib/server/auth/with-role";
import { startSession } from "@/lib/server/auth/session";
import { changeOwnPassword } from "@/lib/server/users/service";
import { parseJsonBody } from "@/lib/server/http/body";

/** A person changes their own password: the current one is required; every other session ends, and this browser gets a fresh one. */
export const POST = withRole("supervisor", async ({ req, user }) => {
  await startSession(await changeOwnPassword(user, await parseJsonBody(req, passwordChangeSchema)));
  return json({ changed: true });
});

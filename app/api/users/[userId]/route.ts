import { userRemoveSchema, userUpdateSchema } from "@/lib/schemas/users";
import { json, withRole } from "@/lib/server/auth/with-role";
import { parseJsonBody } from "@/lib/server/http/body";
import { removeUser, updateUser, userIdOf } from "@/lib/server/users/service";

type Params = { userId: string };

/** A new role, a new password, or a generated one (`reset_password`); ends the user's sessions. */
export const PATCH = withRole<Params>("admin", async ({ req, user, params }) => {
  const id = userIdOf(params.userId);
  return json(await updateUser(user, id, await parseJsonBody(req, userUpdateSchema)));
});

/** Removes a user (reason required) with their sessions and API tokens; never the last admin. */
export const DELETE = withRole<Params>("admin", async ({ req, user, params }) => {
  const id = userIdOf(params.userId);
  const { reason } = await parseJsonBody(req, userRemoveSchema);
  return json(await removeUser(user, id, reason));
});

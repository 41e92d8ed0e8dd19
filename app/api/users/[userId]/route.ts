import { userRemoveSchema, userUpdateSchema } from "@/lib/schemas/users";
import { json, withRole } from "@/lib/server/auth/with-role";
import { ApiError } from "@/lib/server/errors";
import { parseJsonBody } from "@/lib/server/http/body";
import { removeUser, updateUser } from "@/lib/server/users/service";

type Params = { userId: string };

function userIdOf(raw: string): number {
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new ApiError("not_found", "There is no such user.");
  return id;
}

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

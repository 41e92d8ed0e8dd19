import { json, withRole } from "@/lib/server/auth/with-role";
import { removeUser, updateUser, userIdOf } from "@/lib/server/users/service";

/** A new role, a new password, or a generated one (`reset_password`); ends the user's sessions. */
export const PATCH = withRole("PATCH /api/users/[userId]", async ({ body, user, params }) => json(await updateUser(user, userIdOf(params.userId), body)));

/** Removes a user (reason required) with their sessions and API tokens; never the last admin. */
export const DELETE = withRole("DELETE /api/users/[userId]", async ({ body, user, params }) =>
  json(await removeUser(user, userIdOf(params.userId), body.reason)),
);

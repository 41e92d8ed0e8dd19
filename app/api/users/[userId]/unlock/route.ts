import { json, withRole } from "@/lib/server/auth/with-role";
import { unlockUser, userIdOf } from "@/lib/server/users/service";

/** Clears a user's sign-in backoff (after failures from many addresses); audited. */
export const POST = withRole("POST /api/users/[userId]/unlock", async ({ user, params }) => json(await unlockUser(user, userIdOf(params.userId))));

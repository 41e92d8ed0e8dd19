import { passwordChangeSchema } from "@/lib/schemas/auth";
import { json, withRole } from "@/lib/server/auth/with-role";
import { changeOwnPassword } from "@/lib/server/users/service";
import { parseJsonBody } from "@/lib/server/http/body";

/** A person changes their own password: the current one is required; every other session ends. */
export const POST = withRole("supervisor", async ({ req, user }) => json(await changeOwnPassword(user, await parseJsonBody(req, passwordChangeSchema))));

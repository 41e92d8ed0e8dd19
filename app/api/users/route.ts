import { userCreateSchema } from "@/lib/schemas/users";
import { json, withRole } from "@/lib/server/auth/with-role";
import { parseJsonBody } from "@/lib/server/http/body";
import { createUser, listUsers } from "@/lib/server/users/service";

/** The console's users with their role and last sign-in (admins). */
export const GET = withRole("admin", async () => json({ items: await listUsers() }));

/** Adds a user; without a password one is generated and answered this once (`password`). */
export const POST = withRole("admin", async ({ req, user }) => {
  const input = await parseJsonBody(req, userCreateSchema);
  return json(await createUser(user, input), { status: 201 });
});

import { json, withRole } from "@/lib/server/auth/with-role";
import { usersFor } from "@/lib/server/dal/users";
import { createUser } from "@/lib/server/users/service";

/** The console's users with their role and last sign-in (admins). */
export const GET = withRole("GET /api/users", async ({ user }) => json({ items: await usersFor(user) }));

/** Adds a user; without a password one is generated and answered this once (`password`). */
export const POST = withRole("POST /api/users", async ({ body, user }) => json(await createUser(user, body), { status: 201 }));

import "server-only";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { listUsers } from "@/lib/server/users/service";
import { authorize } from "./authorize";

/** The console's users with role and last sign-in (admin only). */
export async function usersFor(user: SessionUser | null | undefined) {
  authorize(user, "admin");
  return listUsers();
}

import "server-only";
import { cache } from "react";
import type { Role } from "@/lib/schemas/roles";
import { getStore } from "@/lib/server/store";
import { ensureDemoUsers } from "./demo-users";
import { readSession } from "./session";

export type SessionUser = { id: number; email: string; role: Role };

/** The signed-in person, read fresh from the store so a removed user or changed role takes effect at once. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  await ensureDemoUsers();
  const session = await readSession();
  if (!session) return null;
  const user = await getStore().users.findById(session.userId);
  return user ? { id: user.id, email: user.email, role: user.role } : null;
});

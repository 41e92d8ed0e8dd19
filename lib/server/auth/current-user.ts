import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getStore } from "@/lib/server/store";
import { bearerToken, userFromToken } from "./api-tokens";
import { ensureDemoUsers } from "./demo-users";
import { readSession } from "./session";
import type { SessionUser } from "./session-user";

export type { SessionUser };

/**
 * Who a request's headers say it is, read fresh from the store so a removed user or changed role
 * takes effect at once. Route handlers pass their request's headers; pages use getCurrentUser.
 */
export async function identify(headers: Headers): Promise<SessionUser | null> {
  await ensureDemoUsers();
  // A script's bearer token decides alone: a bad one is "nobody", never a fallback to a cookie.
  const token = bearerToken(headers);
  if (token !== null) return userFromToken(token);
  const session = await readSession(headers.get("cookie"));
  if (!session) return null;
  const user = await getStore().users.findById(session.userId);
  return user ? { id: user.id, email: user.email, role: user.role, credential: { kind: "session", hash: session.idHash } } : null;
}

/** The signed-in person behind the current page render (once per render). */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => identify(await headers()));

import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Role } from "@/lib/schemas/roles";
import { getStore } from "@/lib/server/store";
import { bearerToken, userFromToken } from "./api-tokens";
import { ensureDemoUsers } from "./demo-users";
import { readSession } from "./session";

/**
 * Who a request acts for; `via: "token"` when an API token (not a browser session) says so.
 * `credential` names the session or token (by hash) so a long-lived answer, an event stream,
 * can check later that it was not revoked meanwhile (see still-signed-in.ts).
 */
export type SessionUser = { id: number; email: string; role: Role; via?: "session" | "token"; credential?: { kind: "session" | "token"; hash: string } };

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

import "server-only";
import crypto from "node:crypto";
import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/server/env";
import { clientAddress } from "@/lib/server/http/client-address";
import { getStore, type Session, type User } from "@/lib/server/store";

// The cookie holds an opaque random token (32 bytes, base64url); the store keeps only its SHA-256
// hash, with the user, times, user agent and address. Nothing to seal: the token means nothing
// without its row, and a stolen database holds no usable token.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** `__Host-` (Secure, path /, no Domain) when served over HTTPS: no subdomain can plant or shadow it. */
export function sessionCookieName(): string {
  return getConfig().cookieSecure ? "__Host-outbound_session" : "outbound_session";
}

// last_seen is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS = 60_000;

function cookieOptions(maxAgeS: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: getConfig().cookieSecure, path: "/", maxAge: maxAgeS };
}

const hashId = (sid: string) => crypto.createHash("sha256").update(sid).digest("base64url");

/** True while a stored session is inside both its idle and its absolute lifetime. */
export function sessionIsCurrent(s: Session, now: number, cfg = getConfig()): boolean {
  return now - Date.parse(s.lastSeenAt) < cfg.sessionIdleMs && now - Date.parse(s.createdAt) < cfg.sessionMaxMs;
}

/** The session token in a request's `Cookie` header, or null (none, or not one of ours). */
function sessionIdFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName();
  const token = cookieHeader
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  return token && TOKEN.test(token) ? token : null;
}

/**
 * The session behind a request's cookie, if it still exists and has not timed out (idle timeout
 * slides). Reads the header it is given, not Next's request context, so the front server's fast
 * lane (lib/front-server/fast-lane.ts) identifies people exactly as route handlers do.
 */
export async function readSession(cookieHeader: string | null): Promise<Session | null> {
  const sid = sessionIdFrom(cookieHeader);
  if (!sid) return null;
  const sessions = getStore().sessions;
  const idHash = hashId(sid);
  const session = await sessions.find(idHash);
  if (!session) return null;
  const now = Date.now();
  if (!sessionIsCurrent(session, now)) {
    await sessions.remove(idHash);
    return null;
  }
  if (now - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) await sessions.touch(idHash, new Date(now).toISOString());
  return session;
}

/** Signs `user` in: a fresh random id every time (no fixation), the previous session of this browser ended. */
export async function startSession(user: User): Promise<void> {
  const jar = await cookies();
  const store = getStore();
  const previous = jar.get(sessionCookieName())?.value;
  if (previous && TOKEN.test(previous)) await store.sessions.remove(hashId(previous));
  const sid = crypto.randomBytes(32).toString("base64url");
  const h = await headers();
  const now = new Date();
  await store.sessions.create({
    idHash: hashId(sid),
    userId: user.id,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    userAgent: (h.get("user-agent") ?? "").slice(0, 300),
    address: clientAddress(h),
  });
  // Expired sessions are dropped here, where a row is added anyway, instead of by a timer.
  const cfg = getConfig();
  await store.sessions.prune({
    idleBefore: new Date(now.getTime() - cfg.sessionIdleMs).toISOString(),
    createdBefore: new Date(now.getTime() - cfg.sessionMaxMs).toISOString(),
  });
  jar.set(sessionCookieName(), sid, cookieOptions(Math.ceil(cfg.sessionMaxMs / 1000)));
}

/** Signs out: the stored session is deleted (the cookie is worthless even if kept) and the cookie cleared. */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  if (token && TOKEN.test(token)) await getStore().sessions.remove(hashId(token));
  jar.set(sessionCookieName(), "", cookieOptions(0));
}

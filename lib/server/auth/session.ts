import "server-only";
import crypto from "node:crypto";
import { cookies, headers } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { getConfig } from "@/lib/server/env";
import { clientAddress } from "@/lib/server/http/client-address";
import { getStore, type Session, type User } from "@/lib/server/store";
import { getSessionSecret } from "./session-secret";

/** What the sealed cookie holds: only a random session id; everything else lives in the store. */
type CookieData = { sid?: string };

/** `__Host-` (Secure, path /, no Domain) when served over HTTPS: no subdomain can plant or shadow it. */
export function sessionCookieName(): string {
  return getConfig().cookieSecure ? "__Host-outbound_session" : "outbound_session";
}

// last_seen is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS = 60_000;

function options(): SessionOptions {
  const { cookieSecure, sessionMaxMs } = getConfig();
  return {
    password: getSessionSecret(),
    cookieName: sessionCookieName(),
    ttl: Math.ceil(sessionMaxMs / 1000),
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: cookieSecure, path: "/" },
  };
}

const hashId = (sid: string) => crypto.createHash("sha256").update(sid).digest("base64url");

async function cookieSession() {
  return getIronSession<CookieData>(await cookies(), options());
}

/** True while a stored session is inside both its idle and its absolute lifetime. */
export function sessionIsCurrent(s: Session, now: number, cfg = getConfig()): boolean {
  return now - Date.parse(s.lastSeenAt) < cfg.sessionIdleMs && now - Date.parse(s.createdAt) < cfg.sessionMaxMs;
}

/** The session behind the request's cookie, if it still exists and has not timed out (idle timeout slides). */
export async function readSession(): Promise<Session | null> {
  const sid = (await cookieSession()).sid;
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
  const cookie = await cookieSession();
  const store = getStore();
  if (cookie.sid) await store.sessions.remove(hashId(cookie.sid));
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
  cookie.sid = sid;
  await cookie.save();
}

/** Signs out: the stored session is deleted (the cookie is worthless even if kept) and the cookie cleared. */
export async function endSession(): Promise<void> {
  const cookie = await cookieSession();
  if (cookie.sid) await getStore().sessions.remove(hashId(cookie.sid));
  cookie.destroy();
}

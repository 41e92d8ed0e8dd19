import "server-only";
import crypto from "node:crypto";
import { cookies, headers } from "next/headers";
import { getIronSession, unsealData, type SessionOptions } from "iron-session";
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

// Unsealing a cookie (key derivation + decryption) costs more than the rest of a read served
// from memory, and a page polls with the same cookie all day. The cookie → session id result is
// remembered briefly; whether that session still exists is read from the store on every request,
// so logout and revocation still take effect at once.
const UNSEALED_FOR_MS = 60_000;
const UNSEALED_MAX = 10_000;
const unsealed = new Map<string, { sid: string | null; until: number }>();

/** The session id sealed in a request's `Cookie` header, or null (no cookie, or one we did not seal). */
async function sessionIdFrom(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const name = sessionCookieName();
  const sealed = cookieHeader
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  if (!sealed) return null;
  const known = unsealed.get(sealed);
  if (known && known.until > Date.now()) return known.sid;
  let sid: string | null;
  try {
    const data = await unsealData<CookieData>(decodeURIComponent(sealed), { password: getSessionSecret(), ttl: options().ttl });
    sid = typeof data.sid === "string" ? data.sid : null;
  } catch {
    sid = null; // tampered, sealed with another secret, or expired
  }
  if (unsealed.size >= UNSEALED_MAX) unsealed.clear();
  unsealed.set(sealed, { sid, until: Date.now() + UNSEALED_FOR_MS });
  return sid;
}

/**
 * The session behind a request's cookie, if it still exists and has not timed out (idle timeout
 * slides). Reads the header it is given, not Next's request context, so the front server's fast
 * lane (lib/front-server/fast-lane.ts) identifies people exactly as route handlers do.
 */
export async function readSession(cookieHeader: string | null): Promise<Session | null> {
  const sid = await sessionIdFrom(cookieHeader);
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

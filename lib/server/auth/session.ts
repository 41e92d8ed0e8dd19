import "server-only";
import { cookies } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { getSessionSecret } from "./session-secret";

export type SessionData = { userId?: number };

export const SESSION_COOKIE = "outbound_session";

function options(): SessionOptions {
  return {
    password: getSessionSecret(),
    cookieName: SESSION_COOKIE,
    ttl: 60 * 60 * 12, // a working day
    cookieOptions: {
      httpOnly: true,
      sameSite: "lax",
      // Secure cookies are dropped on plain http://localhost; mark them Secure behind HTTPS only.
      secure: process.env.COOKIE_SECURE === "1",
      path: "/",
    },
  };
}

/** The encrypted session cookie of the current request (iron-session: sealed, httpOnly, SameSite=Lax). */
export async function getSession() {
  return getIronSession<SessionData>(await cookies(), options());
}

import "server-only";
import crypto from "node:crypto";
import { getStore, type ApiToken } from "@/lib/server/store";
import { hasRole } from "@/lib/domain/roles";
import type { SessionUser } from "./session-user";

// API tokens for scripts: `Authorization: Bearer oc_…` acts as the token's user, with the
// token's role when it has one but never more than the user's role now (a demoted user's tokens
// are demoted with them). Only a SHA-256 hash is stored; the token is shown once, when it is issued.
const PREFIX = "oc_";
const MAX_TOKEN_LENGTH = 200;
// last_used_at is written at most once a minute per token.
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");

/** The bearer token of a request, or null when it carries none. */
export function bearerToken(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (!auth || !/^bearer\s/i.test(auth)) return null;
  return auth.slice(7).trim();
}

/** A fresh token and its stored record (id and hash only). */
export function issueToken(
  userId: number,
  name: string,
  expiresAt: string | null,
  extra: Pick<ApiToken, "role" | "createdBy"> = { role: null, createdBy: null },
): { token: string; record: ApiToken } {
  const id = crypto.randomBytes(6).toString("hex");
  const token = `${PREFIX}${id}_${crypto.randomBytes(32).toString("base64url")}`;
  return {
    token,
    record: { id, userId, name, tokenHash: hashToken(token), createdAt: new Date().toISOString(), expiresAt, lastUsedAt: null, ...extra },
  };
}

/** The user a bearer token acts as, or null (unknown, expired, revoked, or its user removed). */
export async function userFromToken(token: string): Promise<SessionUser | null> {
  if (!token.startsWith(PREFIX) || token.length > MAX_TOKEN_LENGTH) return null;
  const store = getStore();
  const record = await store.tokens.findByHash(hashToken(token));
  if (!record) return null;
  const now = Date.now();
  if (record.expiresAt && Date.parse(record.expiresAt) <= now) return null;
  const user = await store.users.findById(record.userId);
  if (!user) return null;
  if (!record.lastUsedAt || now - Date.parse(record.lastUsedAt) > TOUCH_EVERY_MS) await store.tokens.touch(record.id, new Date(now).toISOString());
  const role = record.role && !hasRole(record.role, user.role) ? record.role : user.role;
  return { id: user.id, email: user.email, role, via: "token", credential: { kind: "token", hash: record.tokenHash } };
}

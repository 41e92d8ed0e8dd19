import "server-only";
// Single sign-on with an OpenID Connect provider (openid-client): the authorization code flow with
// PKCE (S256), state and nonce. The login route keeps the verifier and nonce in the store under
// the state, and the state in a short-lived cookie (so a callback is accepted only in the browser
// that started it: no login CSRF). At the callback the person's role comes from their groups
// (OIDC_ROLE_MAP), read again at every sign-in: a demoted person is demoted and their other
// sessions end; no role means no sign-in, in a sentence. Every step is audited.
import crypto from "node:crypto";
import { cookies } from "next/headers";
import * as oidc from "openid-client";
import { roleFor } from "@/lib/domain/role-map";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { processSingleton } from "@/lib/process-singletons";
import { safeNextPath } from "@/lib/safe-next";
import { recordAudit } from "@/lib/server/audit";
import { getConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import type { OidcConfig } from "@/lib/server/load-config";
import { getStore } from "@/lib/server/store";
import { hashPassword } from "./password";
import { startSession } from "./session";

const STATE_COOKIE = "outbound_oidc_state";
/** Marks a session that came from the provider, so signing out can end the provider's session too. */
export const SSO_COOKIE = "outbound_sso";
const PENDING_MS = 10 * 60_000;

/** The provider's configuration (discovery, once per process; again after a failure). */
const discovered = processSingleton("oidc-discovery", () => new Map<string, Promise<oidc.Configuration>>());
function providerOf(cfg: OidcConfig): Promise<oidc.Configuration> {
  const known = discovered.get(cfg.issuer);
  if (known) return known;
  const issuer = new URL(cfg.issuer);
  // A provider on this machine over plain HTTP (tests, a local IdP); anywhere else HTTPS only.
  const local = issuer.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
  const found = oidc.discovery(issuer, cfg.clientId, cfg.clientSecret, undefined, local ? { execute: [oidc.allowInsecureRequests] } : undefined);
  found.catch(() => discovered.delete(cfg.issuer));
  discovered.set(cfg.issuer, found);
  return found;
}

export function oidcConfig(): OidcConfig {
  const cfg = getConfig().oidc;
  if (!cfg) throw new ApiError("not_found", "Single sign-on is not set up on this console.");
  return cfg;
}

const callbackUrl = (origin: string) => `${origin}/api/auth/oidc/callback`;
const PENDING_PREFIX = "oidc-pending:";
const pendingKey = (state: string) => `${PENDING_PREFIX}${crypto.createHash("sha256").update(state).digest("base64url")}`;

/** Where to send the browser to sign in at the provider; `next` is where to land after. */
export async function startOidcLogin(origin: string, next: unknown): Promise<string> {
  const cfg = oidcConfig();
  const provider = await providerOf(cfg).catch(() => {
    throw new ApiError("upstream_unavailable", `${cfg.name} could not be reached to sign in. Try again in a moment.`);
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = Date.now();
  // Sign-ins started and never finished would otherwise stay in the store for ever.
  await getStore().settings.removeOlder(PENDING_PREFIX, new Date(now - PENDING_MS).toISOString());
  await getStore().settings.put(pendingKey(state), { verifier, nonce, next: safeNextPath(next), at: now }, "oidc", new Date(now).toISOString());
  (await cookies()).set(STATE_COOKIE, state, {
    httpOnly: true,
    sameSite: "lax",
    secure: getConfig().cookieSecure,
    path: "/api/auth/oidc",
    maxAge: PENDING_MS / 1000,
  });
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: callbackUrl(origin),
    scope: cfg.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return url.href;
}

/** Refused sign-ins go back to the sign-in page with the sentence. */
export class SsoRefused extends Error {}

/**
 * The provider's answer: the code exchanged (PKCE, state and nonce checked), the person's role
 * from their groups, their account made or brought up to date, a session started. Answers where
 * to go next.
 */
export async function finishOidcLogin(currentUrl: URL): Promise<string> {
  const cfg = oidcConfig();
  const jar = await cookies();
  const state = jar.get(STATE_COOKIE)?.value;
  jar.delete({ name: STATE_COOKIE, path: "/api/auth/oidc" });
  const audit = (email: string, outcome: "ok" | "failed", detail: Record<string, unknown>, role: Role | "anonymous" = "anonymous") =>
    recordAudit({ actorEmail: email, actorRole: role, action: "auth.oidc.login", target: `user:${email}`, outcome, detail: { provider: cfg.name, ...detail } });
  if (currentUrl.searchParams.get("error")) {
    await audit("unknown", "failed", { error: currentUrl.searchParams.get("error") });
    throw new SsoRefused(`${cfg.name} did not sign you in (${currentUrl.searchParams.get("error_description") ?? currentUrl.searchParams.get("error")}).`);
  }
  const pending = state ? await getStore().settings.get(pendingKey(state)) : null;
  if (state) await getStore().settings.remove(pendingKey(state));
  const body = pending?.body as { verifier: string; nonce: string; next: string; at: number } | undefined;
  if (!state || !body || Date.now() - body.at > PENDING_MS || currentUrl.searchParams.get("state") !== state) {
    await audit("unknown", "failed", { error: "state" });
    throw new SsoRefused("That sign-in link has expired or was started in another browser. Sign in again.");
  }
  let claims: Record<string, unknown>;
  try {
    const provider = await providerOf(cfg);
    const tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: body.verifier,
      expectedState: state,
      expectedNonce: body.nonce,
    });
    const idClaims: Record<string, unknown> = { ...tokens.claims() };
    // Groups and email are often only in userinfo (the ID token stays small).
    const info: Record<string, unknown> = tokens.access_token ? { ...(await oidc.fetchUserInfo(provider, tokens.access_token, String(idClaims.sub))) } : {};
    claims = { ...info, ...idClaims, [cfg.roleClaim]: idClaims[cfg.roleClaim] ?? info[cfg.roleClaim] };
    if (tokens.id_token)
      jar.set(SSO_COOKIE, tokens.id_token, {
        httpOnly: true,
        sameSite: "lax",
        secure: getConfig().cookieSecure,
        path: "/",
        maxAge: getConfig().sessionMaxMs / 1000,
      });
  } catch (err) {
    await audit("unknown", "failed", { error: err instanceof Error ? err.message : String(err) });
    throw new SsoRefused(`${cfg.name} answered in a way the console could not accept. Sign in again.`);
  }
  const email = typeof claims.email === "string" ? claims.email.toLowerCase() : null;
  if (!email) {
    await audit("unknown", "failed", { reason: "no email" });
    throw new SsoRefused(`${cfg.name} did not share your email address, which the console needs to know who you are.`);
  }
  const role = roleFor(claims[cfg.roleClaim], cfg.roleMap);
  if (!role) {
    await audit(email, "failed", { reason: "no role", groups: claims[cfg.roleClaim] ?? null });
    throw new SsoRefused(`${email} is in no group that has a role in this console. Ask an admin to add you to one.`);
  }
  const store = getStore();
  let user = await store.users.findByEmail(email);
  if (!user) {
    if (!cfg.allowSignup) {
      await audit(email, "failed", { reason: "no account" });
      throw new SsoRefused(`${email} has no account on this console yet. Ask an admin to add you.`);
    }
    // No password of its own: this account signs in through the provider.
    user = await store.users.create({ email, role, passwordHash: await hashPassword(crypto.randomBytes(32).toString("base64url")) });
    await recordAudit({ actorEmail: email, actorRole: role, action: "user.create", target: `user:${email}`, outcome: "ok", detail: { via: cfg.name, role } });
  } else if (user.role !== role) {
    // Groups decide, at every sign-in: the role changes and the person's other sessions end.
    await store.users.setRole(email, role);
    const ended = await store.sessions.removeForUser(user.id);
    await recordAudit({
      actorEmail: email,
      actorRole: role,
      action: "user.role",
      target: `user:${email}`,
      outcome: "ok",
      detail: { via: cfg.name, from: user.role, to: role, sessions_ended: ended },
    });
    user = { ...user, role };
  }
  await startSession(user);
  await audit(email, "ok", { role: ROLE_LABELS[role] }, role);
  return body.next;
}

/** Where to end the provider's session after the console's (null: the provider offers none, or this was no SSO session). */
export async function providerSignOutUrl(origin: string): Promise<string | null> {
  const cfg = getConfig().oidc;
  const jar = await cookies();
  const idToken = jar.get(SSO_COOKIE)?.value;
  if (!cfg || !idToken) return null;
  jar.delete(SSO_COOKIE);
  try {
    const provider = await providerOf(cfg);
    if (!provider.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(provider, { id_token_hint: idToken, post_logout_redirect_uri: `${origin}/login` }).href;
  } catch {
    return null;
  }
}

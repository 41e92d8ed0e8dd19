import "server-only";
import { ApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";

// Sign-in throttling. Each attempt is CLAIMED before its password is checked, atomically in the
// store (a transaction; advisory locks on Postgres, so across instances too): 30 guesses sent at
// once are 30 claims, of which only those the rules allow go on to a password check. A claim
// counts as a failure until the sign-in succeeds and takes it back.
//
// Who is slowed down, so that a lockout cannot be used against someone:
// - one person (this account from this address): after 5 failures, backoff;
// - this account from anywhere: only after 20 failures (so from several addresses), and then
//   backoff too, never a hard lock; an admin can clear it (Users page);
// - this address for any account (password spraying): after 50, generous for a shared NAT.
// An unknown email is throttled exactly like a known one.

export const FAILURE_WINDOW_MS = 15 * 60_000;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** Failures allowed per key before backoff starts. */
export const PAIR_FREE = 5;
export const ACCOUNT_FREE = 20;
export const ADDRESS_FREE = 50;
/** Kept for callers that speak of "the" limit: one person mistyping. */
export const MAX_FAILURES = PAIR_FREE;

export type ThrottleRule = { key: string; free: number };

/** How long to wait after `failures` failures: none up to `free - 1`, then 30 s doubling to 15 min. */
export function backoffMs(failures: number, free = PAIR_FREE): number {
  if (failures < free) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - free));
}

/** The keys one sign-in attempt is counted under, with how many failures each allows. */
export function throttleRules(email: string, address: string): ThrottleRule[] {
  return [
    { key: `pair:${email}|${address}`, free: PAIR_FREE },
    { key: `email:${email}`, free: ACCOUNT_FREE },
    { key: `addr:${address}`, free: ADDRESS_FREE },
  ];
}

/** When the next attempt is allowed (epoch ms) given each rule's failures (ISO, oldest first), or 0: now. Pure. */
export function allowedAt(rules: ThrottleRule[], failures: string[][], now: number): number {
  let until = 0;
  rules.forEach((rule, i) => {
    const times = failures[i] ?? [];
    const last = times.at(-1);
    const wait = backoffMs(times.length, rule.free);
    // No backoff, no wait: a concurrent claim stamped a moment after `now` (another tab, another
    // instance) must not hold this one back.
    if (last && wait > 0) until = Math.max(until, Date.parse(last) + wait);
  });
  return until > now ? until : 0;
}

export type Claim = { ok: true; at: string; rules: ThrottleRule[] } | { ok: false; until: number };

/** Claims one sign-in attempt (before its password is checked): refused while any rule holds it back. */
export async function claimAttempt(email: string, address: string, now = Date.now()): Promise<Claim> {
  const rules = throttleRules(email, address);
  const at = new Date(now).toISOString();
  let until = 0;
  const ok = await getStore().loginAttempts.claim(
    rules.map((r) => r.key),
    at,
    new Date(now - FAILURE_WINDOW_MS).toISOString(),
    (failures) => (until = allowedAt(rules, failures, now)) === 0,
  );
  return ok ? { ok: true, at, rules } : { ok: false, until };
}

/** The attempt signed in: its claims are taken back and this person's own failures forgotten. */
export async function releaseAttempt(claim: Extract<Claim, { ok: true }>): Promise<void> {
  const attempts = getStore().loginAttempts;
  await attempts.clear(claim.rules[0]!.key);
  for (const rule of claim.rules.slice(1)) await attempts.release(rule.key, claim.at);
}

/** The attempt failed (its claims stay as failures): whether it started a backoff, for the audit. */
export async function failedAttempt(claim: Extract<Claim, { ok: true }>, now = Date.now()): Promise<boolean> {
  const attempts = getStore().loginAttempts;
  await attempts.prune(new Date(now - FAILURE_WINDOW_MS).toISOString());
  const since = new Date(now - FAILURE_WINDOW_MS).toISOString();
  const failures = await Promise.all(claim.rules.map((r) => attempts.failuresSince(r.key, since)));
  return allowedAt(claim.rules, failures, now + 1) > 0;
}

/** An admin's unlock: every failure counted against this account, from any address. */
export async function unlockAccount(email: string): Promise<void> {
  const attempts = getStore().loginAttempts;
  await attempts.clear(`email:${email}`);
  await attempts.clearPrefix(`pair:${email}|`);
}

/** 429 with Retry-After and a sentence saying how long. */
export function throttledError(until: number, now = Date.now()): ApiError {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new ApiError("too_many_requests", `Too many failed sign-in attempts. Wait ${wait} and try again.`, undefined, {
    "Retry-After": String(seconds),
  });
}

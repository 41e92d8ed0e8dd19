import "server-only";
import { ApiError } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";

/** Failures allowed within the window before sign-in slows down. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** How long to wait after `failures` failures in the window: none up to 4, then 30 s doubling to 15 min. */
export function backoffMs(failures: number): number {
  if (failures < MAX_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - MAX_FAILURES));
}

/** The throttling keys of one sign-in attempt: the account and the client address, counted apart. */
export function throttleKeys(email: string, address: string): string[] {
  return [`email:${email}`, `addr:${address}`];
}

/** When the next attempt for these keys is allowed (epoch ms), or 0 when it is allowed now. */
export async function lockedUntil(keys: string[], now = Date.now()): Promise<number> {
  const since = new Date(now - FAILURE_WINDOW_MS).toISOString();
  let until = 0;
  for (const key of keys) {
    const failures = await getStore().loginAttempts.failuresSince(key, since);
    const last = failures.at(-1);
    if (last) until = Math.max(until, Date.parse(last) + backoffMs(failures.length));
  }
  return until > now ? until : 0;
}

/** 429 with Retry-After and a sentence saying how long. */
export function throttledError(until: number, now = Date.now()): ApiError {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new ApiError("too_many_requests", `Too many failed sign-in attempts. Wait ${wait} and try again.`, undefined, {
    "Retry-After": String(seconds),
  });
}

/** Counts a failed attempt against every key; answers whether this failure started a lockout. */
export async function recordFailure(keys: string[], now = Date.now()): Promise<boolean> {
  const attempts = getStore().loginAttempts;
  const at = new Date(now).toISOString();
  for (const key of keys) await attempts.addFailure(key, at);
  await attempts.prune(new Date(now - FAILURE_WINDOW_MS).toISOString());
  return (await lockedUntil(keys, now + 1)) > 0;
}

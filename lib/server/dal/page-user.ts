import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { hasRole, type Role } from "@/lib/schemas/roles";
import { HOME_PATH, safeNextPath } from "@/lib/safe-next";
import { getCurrentUser, type SessionUser } from "@/lib/server/auth/current-user";

/** The header the front server (scripts/serve.ts) sets to the path the browser asked for. */
export const REQUEST_PATH_HEADER = "x-console-path";

/** The page address being rendered (RSC bookkeeping removed), to come back to after sign-in. */
async function requestedPath(): Promise<string> {
  const raw = (await headers()).get(REQUEST_PATH_HEADER);
  if (!raw) return HOME_PATH;
  const url = new URL(raw, "http://console.invalid");
  url.searchParams.delete("_rsc");
  return safeNextPath(url.pathname + url.search);
}

/**
 * Every console page calls this itself (a layout's check can be skipped by a client-side
 * navigation request): anonymous → sign-in, coming back here afterwards; role too low → home,
 * which says why.
 */
export async function requirePageUser(role: Role = "supervisor"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(await requestedPath())}`);
  // Sent home, with word of which page and why (said once there: components/layout/denied-notice).
  if (!hasRole(user.role, role))
    redirect(`${HOME_PATH}?${new URLSearchParams({ denied: new URL(await requestedPath(), "http://console.invalid").pathname, needs: role })}`);
  return user;
}

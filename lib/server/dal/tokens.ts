import "server-only";
import type { TokenInfo } from "@/lib/schemas/tokens";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getStore } from "@/lib/server/store";
import { hasRole } from "@/lib/domain/roles";
import { tokenInfo } from "@/lib/server/auth/token-service";
import { authorize } from "./authorize";

/** API tokens (never the token itself): who, what for, its role, when it expires and was last used. Admins see everyone's; others their own. */
export async function tokensFor(user: SessionUser | null | undefined): Promise<{ items: TokenInfo[] }> {
  const viewer = authorize(user, "supervisor");
  const all = await getStore().tokens.list();
  const items = (hasRole(viewer.role, "admin") ? all : all.filter((t) => t.email.toLowerCase() === viewer.email.toLowerCase())).map(tokenInfo);
  return { items };
}

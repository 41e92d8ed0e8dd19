import "server-only";
import type { TokenInfo } from "@/lib/schemas/tokens";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getStore } from "@/lib/server/store";
import { authorize } from "./authorize";

/** Every API token (never the token itself): who, what for, when it expires and was last used (admins). */
export async function tokensFor(user: SessionUser | null | undefined): Promise<{ items: TokenInfo[] }> {
  authorize(user, "admin");
  const items = (await getStore().tokens.list()).map((t) => ({
    id: t.id,
    email: t.email,
    name: t.name,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    last_used_at: t.lastUsedAt,
  }));
  return { items };
}

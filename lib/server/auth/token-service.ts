import "server-only";
// Issuing and revoking API tokens, each audited: anyone for themselves, admins for anyone. The token itself is answered once and stored
// only as a hash (api-tokens.ts).
import { hasRole, ROLE_LABELS } from "@/lib/domain/roles";
import type { TokenCreate, TokenCreated, TokenInfo } from "@/lib/schemas/tokens";
import type { ApiToken } from "@/lib/server/store";
import { audited } from "@/lib/server/audit";
import { ApiError, notFound } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import { issueToken } from "./api-tokens";
import type { SessionUser } from "./session-user";

/**
 * Issues a token: for yourself, or (admins) for the user with `input.email`, with a role at most
 * your own and its user's. The answer is the only time the token is shown.
 */
export async function createToken(actor: SessionUser, input: TokenCreate): Promise<TokenCreated> {
  const store = getStore();
  const forSomeoneElse = input.email !== undefined && input.email.toLowerCase() !== actor.email.toLowerCase();
  if (forSomeoneElse && !hasRole(actor.role, "admin")) throw new ApiError("forbidden", "Only admins issue tokens for other people.");
  const owner = await store.users.findByEmail(input.email ?? actor.email);
  if (!owner) throw new ApiError("validation_failed", "There is no user with that email.", { email: "No user with this email" });
  const ceiling = hasRole(actor.role, owner.role) ? owner.role : actor.role;
  if (input.role && !hasRole(ceiling, input.role)) {
    throw new ApiError(
      "validation_failed",
      `A token can do at most what ${forSomeoneElse ? `you and ${owner.email} can` : "you can"} (${ROLE_LABELS[ceiling]}).`,
      {
        role: `At most ${ROLE_LABELS[ceiling]}`,
      },
    );
  }
  const { token, record } = issueToken(owner.id, input.name, input.expires_at ?? null, { role: input.role ?? null, createdBy: actor.email });
  await audited(actor, "token.create", `user:${owner.email}`, { token_id: record.id, name: record.name, role: record.role, expires_at: record.expiresAt }, () =>
    store.tokens.create(record),
  );
  return { ...tokenInfo({ ...record, email: owner.email }), token };
}

/** A stored token as listed. */
export const tokenInfo = (t: ApiToken & { email: string }): TokenInfo => ({
  id: t.id,
  email: t.email,
  name: t.name,
  role: t.role,
  created_by: t.createdBy,
  created_at: t.createdAt,
  expires_at: t.expiresAt,
  last_used_at: t.lastUsedAt,
});

/** Revokes a token at once (yours, or anyone's for admins): the next request that carries it is refused (401). */
export async function revokeToken(actor: SessionUser, tokenId: string): Promise<void> {
  await audited(actor, "token.revoke", `token:${tokenId}`, {}, async () => {
    const token = await getStore().tokens.get(tokenId);
    // Someone else's token is as unknown to a non-admin as one that does not exist.
    if (!token || (!hasRole(actor.role, "admin") && token.email.toLowerCase() !== actor.email.toLowerCase())) throw notFound("That token");
    if (!(await getStore().tokens.remove(tokenId))) throw notFound("That token");
  });
}

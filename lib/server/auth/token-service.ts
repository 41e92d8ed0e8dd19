import "server-only";
// Issuing and revoking API tokens, each audited. The token itself is answered once and stored
// only as a hash (api-tokens.ts).
import type { TokenCreate, TokenCreated } from "@/lib/schemas/tokens";
import { audited } from "@/lib/server/audit";
import { ApiError, notFound } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import { issueToken } from "./api-tokens";
import type { SessionUser } from "./session-user";

/** Issues a token for the user with `input.email`; the answer is the only time the token is shown. */
export async function createToken(actor: SessionUser, input: TokenCreate): Promise<TokenCreated> {
  const store = getStore();
  const owner = await store.users.findByEmail(input.email);
  if (!owner) throw new ApiError("validation_failed", "There is no user with that email.", { email: "No user with this email" });
  const { token, record } = issueToken(owner.id, input.name, input.expires_at ?? null);
  await audited(actor, "token.create", `user:${owner.email}`, { token_id: record.id, name: record.name, expires_at: record.expiresAt }, () =>
    store.tokens.create(record),
  );
  return { id: record.id, email: owner.email, name: record.name, created_at: record.createdAt, expires_at: record.expiresAt, last_used_at: null, token };
}

/** Revokes a token at once: the next request that carries it is refused (401). */
export async function revokeToken(actor: SessionUser, tokenId: string): Promise<void> {
  await audited(actor, "token.revoke", `token:${tokenId}`, {}, async () => {
    if (!(await getStore().tokens.remove(tokenId))) throw notFound("That token");
  });
}

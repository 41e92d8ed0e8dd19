import { tokenCreateSchema, type TokenCreated } from "@/lib/schemas/tokens";
import { audited } from "@/lib/server/audit";
import { issueToken } from "@/lib/server/auth/api-tokens";
import { json, withRole } from "@/lib/server/auth/with-role";
import { tokensFor } from "@/lib/server/dal/tokens";
import { ApiError } from "@/lib/server/errors";
import { parseJsonBody } from "@/lib/server/http/body";
import { getStore } from "@/lib/server/store";

/** Every API token (never the token itself): who, what for, when it expires and was last used. */
export const GET = withRole("admin", async ({ user }) => json(await tokensFor(user)));

/** Issues a token for a user; the answer is the only time the token is shown. */
export const POST = withRole("admin", async ({ req, user }) => {
  const input = await parseJsonBody(req, tokenCreateSchema);
  const store = getStore();
  const owner = await store.users.findByEmail(input.email);
  if (!owner) throw new ApiError("validation_failed", "There is no user with that email.", { email: "No user with this email" });
  const { token, record } = issueToken(owner.id, input.name, input.expires_at ?? null);
  await audited(user, "token.create", `user:${owner.email}`, { token_id: record.id, name: record.name, expires_at: record.expiresAt }, () =>
    store.tokens.create(record),
  );
  const body: TokenCreated = {
    id: record.id,
    email: owner.email,
    name: record.name,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    last_used_at: null,
    token,
  };
  return json(body, { status: 201 });
});

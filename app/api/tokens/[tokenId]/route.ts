import { json, withRole } from "@/lib/server/auth/with-role";
import { revokeToken } from "@/lib/server/auth/token-service";

/** Revokes a token at once: the next request that carries it is refused (401). */
export const DELETE = withRole("DELETE /api/tokens/[tokenId]", async ({ user, params }) => {
  await revokeToken(user, params.tokenId);
  return json({ revoked: true, id: params.tokenId });
});

import { audited } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { notFound } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";

/** Revokes a token at once: the next request that carries it is refused (401). */
export const DELETE = withRole<{ tokenId: string }>("admin", async ({ user, params }) => {
  await audited(user, "token.revoke", `token:${params.tokenId}`, {}, async () => {
    if (!(await getStore().tokens.remove(params.tokenId))) throw notFound("That token");
  });
  return json({ revoked: true, id: params.tokenId });
});

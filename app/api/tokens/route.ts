import { json, withRole } from "@/lib/server/auth/with-role";
import { createToken } from "@/lib/server/auth/token-service";
import { tokensFor } from "@/lib/server/dal/tokens";

/** Every API token (never the token itself): who, what for, when it expires and was last used. */
export const GET = withRole("GET /api/tokens", async ({ user }) => json(await tokensFor(user)));

/** Issues a token for a user; the answer is the only time the token is shown. */
export const POST = withRole("POST /api/tokens", async ({ body, user }) => json(await createToken(user, body), { status: 201 }));

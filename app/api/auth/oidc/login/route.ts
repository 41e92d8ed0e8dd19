import { withRole } from "@/lib/server/auth/with-role";
import { startOidcLogin } from "@/lib/server/auth/oidc";
import { consoleOrigin } from "@/lib/server/http/same-origin";

/** Starts single sign-on: on to the provider's sign-in page (PKCE, state and nonce kept for the callback). */
export const GET = withRole("GET /api/auth/oidc/login", async ({ req, query }) => Response.redirect(await startOidcLogin(consoleOrigin(req), query.next), 303));

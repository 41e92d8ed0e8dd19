import { withRole } from "@/lib/server/auth/with-role";
import { finishOidcLogin, SsoRefused } from "@/lib/server/auth/oidc";
import { consoleOrigin } from "@/lib/server/http/same-origin";

/** The provider's answer: signed in and on to where the person was going, or back to the sign-in page with why not. */
export const GET = withRole("GET /api/auth/oidc/callback", async ({ req }) => {
  const url = new URL(req.url);
  const origin = consoleOrigin(req);
  // As registered at the provider: the console's public address, whatever host the request came in on.
  const current = new URL(`${origin}/api/auth/oidc/callback${url.search}`);
  try {
    return Response.redirect(new URL(await finishOidcLogin(current), origin), 303);
  } catch (err) {
    if (!(err instanceof SsoRefused)) throw err;
    return Response.redirect(new URL(`/login?sso_error=${encodeURIComponent(err.message)}`, origin), 303);
  }
});

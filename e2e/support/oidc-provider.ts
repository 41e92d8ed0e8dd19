// A real OpenID Connect provider for the single sign-on tests (oidc-provider, its development
// sign-in pages: any password, the login name picks the account), with test people in groups.
// Run as a process by playwright.config.ts (`tsx e2e/support/oidc-provider.ts`), on a fixed port.
import Provider from "oidc-provider";
import { CONSOLE_URL, OIDC_CLIENT, OIDC_ISSUER, OIDC_PEOPLE, OIDC_PORT } from "./env";

export function oidcProvider(): Provider {
  return new Provider(OIDC_ISSUER, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [`${CONSOLE_URL}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${CONSOLE_URL}/login`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    async findAccount(_ctx, id) {
      const person = OIDC_PEOPLE[id];
      if (!person) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email: person.email, email_verified: true, name: id, groups: person.groups }) };
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789"] },
  });
}

if (process.argv[1]?.endsWith("oidc-provider.ts")) {
  oidcProvider().listen(OIDC_PORT, () => console.log(`Test OpenID provider on ${OIDC_ISSUER}`));
}

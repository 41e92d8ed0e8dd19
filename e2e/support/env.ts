// Where the e2e run's servers listen (see playwright.config.ts). Fixed ports, away from the dev defaults.
export const CONSOLE_PORT = Number(process.env.E2E_PORT ?? 3100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
export const SANDBOX_KEY = "sandbox";
export const E2E_DATA_DIR = ".e2e-data";

// The test OpenID Connect provider (e2e/support/oidc-provider.ts).
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 4150);
// "localhost", not the console's 127.0.0.1: its own cookie jar, as a real provider on another host.
export const OIDC_ISSUER = `http://localhost:${OIDC_PORT}`;
export const OIDC_CLIENT = { id: "outbound-console", secret: "e2e-oidc-client-secret-0123456789" };
export const OIDC_ROLE_MAP = "ops-admins=admin,ops-managers=manager,staff=supervisor";

/** The test people: login name → email and groups ("outsider" is in no mapped group). */
export const OIDC_PEOPLE: Record<string, { email: string; groups: string[] }> = {
  "ops-admin": { email: "ops-admin@corp.test", groups: ["staff", "ops-admins"] },
  "ops-manager": { email: "ops-manager@corp.test", groups: ["staff", "ops-managers"] },
  viewer: { email: "viewer@corp.test", groups: ["staff"] },
  outsider: { email: "outsider@corp.test", groups: ["contractors"] },
};

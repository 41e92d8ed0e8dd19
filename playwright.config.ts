import { defineConfig } from "@playwright/test";
import { CONSOLE_PORT, CONSOLE_URL, E2E_DATA_DIR, OIDC_CLIENT, OIDC_ISSUER, OIDC_ROLE_MAP, SANDBOX_PORT } from "./e2e/support/env";

// Debian's Chromium: Playwright's own browser download cannot work on these machines.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One console and one sandbox are shared by all specs; the machine has 2 cores.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: CONSOLE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // The machine's network is closed: keep Chromium from phoning home (and failing) at start.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      // A real OpenID Connect provider with test people in groups, for the single sign-on spec.
      command: "node node_modules/tsx/dist/cli.mjs e2e/support/oidc-provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A production build (NEXT_DIST_DIR=.next-e2e, built by `npm run test:e2e`) in sandbox mode,
      // on fresh data, with simulated time frozen: specs move it with advanceSandbox().
      command: `rm -rf ${E2E_DATA_DIR} && node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/start.ts`,
      url: `${CONSOLE_URL}/login`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NEXT_DIST_DIR: ".next-e2e",
        PORT: String(CONSOLE_PORT),
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_SPEED: "0",
        DATA_DIR: E2E_DATA_DIR,
        SYLLABLE_API_KEY: "",
        SESSION_SECRET: "",
        // Short, so the fault suite's hang and budget checks take seconds, not a minute.
        SYLLABLE_TIMEOUT_MS: "6000",
        // The live engine's cadence while a batch is watched: fast, so specs see changes within a second.
        LIVE_POLL_MS: "1000",
        // Active batches are re-listed (and unwatched ones read) every 5 s: a new batch reaches the overview quickly.
        LIVE_IDLE_POLL_MS: "5000",
        // A running batch's visible results follow its counts at most this often (30 s by default).
        RESULTS_REFRESH_S: "2",
        // A slow body is cut off after this (30 s by default): the request-line spec waits for it.
        BODY_TIMEOUT_S: "3",
        // Queued requests are checked against changed suppression lists this often (10 s by default).
        SUPPRESSION_SWEEP_S: "2",
        // Specs run at any hour: recipients' calling hours would hold the seeded batches at night.
        // The scheduler spec turns them on for its own batch.
        CALLING_HOURS: "off",
        SCHEDULER_TICK_S: "2",
        // Every batch's results are brought into the reports this often (60 s by default).
        REPORT_SYNC_S: "5",
        // Single sign-on through the test provider (password sign-in stays on: the other specs use it).
        OIDC_ISSUER,
        OIDC_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        OIDC_ROLE_MAP,
        OIDC_NAME: "Corp SSO",
        METRICS_TOKEN: "e2e-metrics-token-0123456789",
        // One JSON line per request would bury the test output; warnings and errors still show.
        LOG_LEVEL: "warn",
      },
    },
  ],
});

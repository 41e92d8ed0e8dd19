// The console's configuration from the environment, validated once. Server code, but without the
// server-only import: the front server (scripts/serve.ts) and the launcher run it outside React.
import path from "node:path";
import { z } from "zod";
import { parseRoleMap, type RoleMap } from "../domain/role-map";

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  roleClaim: string;
  roleMap: RoleMap;
  allowSignup: boolean;
  /** The provider's name on the sign-in button ("Sign in with Okta"). */
  name: string;
};

// Empty strings in the environment mean "not set" (a blank line in a .env file should not be a value).
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);

const port = z.coerce.number().int().min(1).max(65535);

export const envSchema = z.object({
  PORT: optional(port.default(3000)),
  SYLLABLE_BASE_URL: optional(z.url({ protocol: /^https?$/ }).default("https://api.syllable.cloud")),
  SYLLABLE_API_KEY: optional(z.string().min(1).optional()),
  SYLLABLE_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(120_000).default(15_000)),
  DATA_DIR: optional(z.string().default("./data")),
  SANDBOX_PORT: optional(port.default(4010)),
  SANDBOX_SPEED: optional(z.coerce.number().min(0).max(100_000).default(60)),
  SANDBOX_API_KEY: optional(z.string().min(1).default("sandbox")),
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ }).optional()),
  ALLOWED_ORIGINS: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/, error: "must be a comma-separated list of http(s) origins" })))
      .default([]),
  ),
  COOKIE_SECURE: optional(z.enum(["0", "1"]).default("0")),
  TRUST_PROXY: optional(z.enum(["0", "1"]).default("0")),
  FAST_LANE: optional(z.enum(["0", "1"]).default("1")),
  SESSION_IDLE_HOURS: optional(
    z.coerce
      .number()
      .min(0.01)
      .max(24 * 30)
      .default(8),
  ),
  SESSION_MAX_DAYS: optional(z.coerce.number().min(0.01).max(365).default(7)),
  // A million rows of reference, number and a few variables is ≈ 60 MB.
  UPLOAD_MAX_MB: optional(z.coerce.number().min(1).max(1024).default(64)),
  STREAMS_PER_USER: optional(z.coerce.number().int().min(1).max(1_000).default(10)),
  DRAIN_S: optional(z.coerce.number().min(0).max(3_600).default(70)),
  BODY_TIMEOUT_S: optional(z.coerce.number().min(1).max(3_600).default(30)),
  LIVE_POLL_MS: optional(z.coerce.number().int().min(200).max(600_000).default(5_000)),
  LIVE_IDLE_POLL_MS: optional(z.coerce.number().int().min(1_000).max(3_600_000).default(60_000)),
  LIVE_DISCOVERY_MS: optional(z.coerce.number().int().min(1_000).max(3_600_000).default(5_000)),
  DATABASE_URL: optional(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "Use a postgres:// connection URL.")
      .optional(),
  ),
  METRICS_TOKEN: optional(z.string().min(16, "Use at least 16 characters.").optional()),
  RESULTS_REFRESH_S: optional(z.coerce.number().min(1).max(3_600).default(30)),
  RESULTS_RETENTION_DAYS: optional(z.coerce.number().min(1).max(3_650).default(90)),
  DEFAULT_COUNTRY: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Use a two-letter country code, e.g. US.")
      .default("US"),
  ),
  SUPPRESSION_SWEEP_S: optional(z.coerce.number().min(1).max(60).default(10)),
  CALLING_HOURS: optional(z.enum(["on", "off"]).default("on")),
  SCHEDULER_TICK_S: optional(z.coerce.number().min(1).max(60).default(5)),
  REPORT_SYNC_S: optional(z.coerce.number().min(5).max(3600).default(60)),
  // Single sign-on (OpenID Connect): on when OIDC_ISSUER is set.
  OIDC_ISSUER: optional(z.url({ protocol: /^https?$/ }).optional()),
  OIDC_CLIENT_ID: optional(z.string().min(1).optional()),
  OIDC_CLIENT_SECRET: optional(z.string().min(1).optional()),
  OIDC_SCOPES: optional(z.string().default("openid email profile groups")),
  OIDC_ROLE_CLAIM: optional(z.string().min(1).default("groups")),
  OIDC_ROLE_MAP: optional(
    z
      .string()
      .default("*=supervisor")
      .transform((v, ctx) => {
        try {
          return parseRoleMap(v);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: (err as Error).message });
          return z.NEVER;
        }
      }),
  ),
  OIDC_ALLOW_SIGNUP: optional(z.enum(["on", "off"]).default("on")),
  OIDC_NAME: optional(z.string().min(1).max(40).default("single sign-on")),
  PASSWORD_LOGIN: optional(z.enum(["on", "off"]).default("on")),
  ALERT_STALL_MINUTES: optional(
    z.coerce
      .number()
      .min(1)
      .max(24 * 60)
      .default(15),
  ),
  ALERT_FAILURE_SHARE: optional(z.coerce.number().gt(0).max(1).default(0.5)),
  ALERT_WEBHOOK_URL: optional(z.url({ protocol: /^https?$/ }).optional()),
});
export type Env = z.infer<typeof envSchema>;

export type ConsoleConfig = {
  /** "sandbox" when no SYLLABLE_API_KEY is set: the console talks to the embedded sandbox. */
  mode: "sandbox" | "live";
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  dataDir: string;
  /** Postgres instead of the SQLite file in DATA_DIR (several instances share one). */
  databaseUrl?: string;
  /** Bearer token for GET /api/metrics (unset: the endpoint answers 404). */
  metricsToken?: string;
  port: number;
  /** The console's own origin as browsers see it (PUBLIC_URL); unset: the request's Host. */
  publicOrigin: string | undefined;
  /** Further origins allowed to send writes (reverse proxies under another name). */
  allowedOrigins: string[];
  /** COOKIE_SECURE=1: served over HTTPS, so Secure + __Host- cookies and HSTS. */
  cookieSecure: boolean;
  /** TRUST_PROXY=1: a reverse proxy appends the client address to X-Forwarded-For. */
  trustProxy: boolean;
  /** FAST_LANE=0: every request goes through Next's routing (the benchmark compares both). */
  fastLane: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  uploadMaxBytes: number;
  /** The live engine's cadence for a batch someone watches, and for an active one nobody watches. */
  livePollMs: number;
  /** A running batch's visible results page is re-read at most this often. */
  resultsRefreshMs: number;
  /** Results of a batch that had finished are forgotten this long after they were read (RESULTS_RETENTION_DAYS). */
  resultsRetentionDays: number;
  /** National numbers (no +country) are read as numbers of this country (DEFAULT_COUNTRY). */
  defaultCountry: string;
  /** How often queued requests are checked against suppression lists that changed (SUPPRESSION_SWEEP_S). */
  suppressionSweepMs: number;
  /** Recipients' calling hours apply to every voice batch until an admin's policy says otherwise (CALLING_HOURS). */
  callingHoursByDefault: boolean;
  /** How often the scheduler looks at the batches it follows (SCHEDULER_TICK_S). */
  schedulerTickMs: number;
  /** How often every batch's stored results (and so the reports) are brought up to date (REPORT_SYNC_S). */
  reportSyncMs: number;
  /** Single sign-on with an OpenID Connect provider (null: off). */
  oidc: OidcConfig | null;
  /** PASSWORD_LOGIN=off: only admins (the break-glass accounts made on the command line) sign in with a password. */
  passwordLogin: boolean;
  liveIdlePollMs: number;
  /** A request (headers and body) must arrive within this; 408 after (BODY_TIMEOUT_S). */
  bodyTimeoutMs: number;
  /** After SIGTERM, how long requests in flight may take to finish (DRAIN_S). */
  drainMs: number;
  /** Live event streams one user may hold open (per instance); see admitStream. */
  streamsPerUser: number;
  /** How often active and paused batches are re-listed: a batch created anywhere shows within this. */
  liveDiscoveryMs: number;
  alertStallMinutes: number;
  alertFailureShare: number;
  /** Where new alerts are POSTed as Slack-compatible JSON ({text}); unset: nowhere. */
  alertWebhookUrl: string | undefined;
};

export class EnvError extends Error {}

/** Validates an environment and derives the console's configuration; throws EnvError with one readable line per bad variable. */
export function loadConfig(source: Record<string, string | undefined>): ConsoleConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? "environment");
      return `${name}: ${i.message} (got ${JSON.stringify(source[name] ?? "")})`;
    });
    throw new EnvError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const env = parsed.data;
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
    throw new EnvError("Invalid configuration:\n  OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed too.");
  }
  const live = env.SYLLABLE_API_KEY !== undefined;
  return {
    mode: live ? "live" : "sandbox",
    baseUrl: (live ? env.SYLLABLE_BASE_URL : `http://127.0.0.1:${env.SANDBOX_PORT}`).replace(/\/+$/, ""),
    apiKey: live ? env.SYLLABLE_API_KEY! : env.SANDBOX_API_KEY,
    timeoutMs: env.SYLLABLE_TIMEOUT_MS,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    metricsToken: env.METRICS_TOKEN,
    port: env.PORT,
    publicOrigin: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined,
    allowedOrigins: env.ALLOWED_ORIGINS.map((o) => new URL(o).origin),
    cookieSecure: env.COOKIE_SECURE === "1",
    trustProxy: env.TRUST_PROXY === "1",
    fastLane: env.FAST_LANE === "1",
    sessionIdleMs: Math.round(env.SESSION_IDLE_HOURS * 3_600_000),
    sessionMaxMs: Math.round(env.SESSION_MAX_DAYS * 86_400_000),
    uploadMaxBytes: Math.round(env.UPLOAD_MAX_MB * 1024 * 1024),
    livePollMs: env.LIVE_POLL_MS,
    resultsRefreshMs: Math.round(env.RESULTS_REFRESH_S * 1000),
    resultsRetentionDays: env.RESULTS_RETENTION_DAYS,
    defaultCountry: env.DEFAULT_COUNTRY,
    suppressionSweepMs: env.SUPPRESSION_SWEEP_S * 1000,
    callingHoursByDefault: env.CALLING_HOURS === "on",
    schedulerTickMs: env.SCHEDULER_TICK_S * 1000,
    reportSyncMs: env.REPORT_SYNC_S * 1000,
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID!,
          clientSecret: env.OIDC_CLIENT_SECRET!,
          scopes: env.OIDC_SCOPES,
          roleClaim: env.OIDC_ROLE_CLAIM,
          roleMap: env.OIDC_ROLE_MAP,
          allowSignup: env.OIDC_ALLOW_SIGNUP === "on",
          name: env.OIDC_NAME,
        }
      : null,
    passwordLogin: env.PASSWORD_LOGIN === "on",
    liveIdlePollMs: env.LIVE_IDLE_POLL_MS,
    bodyTimeoutMs: env.BODY_TIMEOUT_S * 1000,
    drainMs: env.DRAIN_S * 1000,
    streamsPerUser: env.STREAMS_PER_USER,
    liveDiscoveryMs: env.LIVE_DISCOVERY_MS,
    alertStallMinutes: env.ALERT_STALL_MINUTES,
    alertFailureShare: env.ALERT_FAILURE_SHARE,
    alertWebhookUrl: env.ALERT_WEBHOOK_URL,
  };
}

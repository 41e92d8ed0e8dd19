import { json, withRole } from "@/lib/server/auth/with-role";

/**
 * Liveness: the process answers. Nothing else is checked (a restart would not fix a database or
 * Syllable outage); readiness, with the store and Syllable, is GET /api/health.
 */
export const GET = withRole("GET /api/health/live", () => json({ status: "ok" }));

import { json, withRole } from "@/lib/server/auth/with-role";
import { readiness } from "@/lib/server/health";

/** Readiness: the store and Syllable reported apart (lib/server/health.ts); liveness is GET /api/health/live. */
export const GET = withRole("GET /api/health", async () => {
  const { health, status } = await readiness();
  return json(health, { status });
});

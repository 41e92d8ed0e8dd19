import { json, withRole } from "@/lib/server/auth/with-role";
import { auditPageFor } from "@/lib/server/dal/audit";

/** Audit entries, newest first, filtered by actor, action, target and time: 1-based pages, or backwards with `before` (the last id seen). */
export const GET = withRole("GET /api/audit", async ({ query, user }) => json(await auditPageFor(user, query)));

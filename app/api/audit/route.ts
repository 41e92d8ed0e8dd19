import { auditQuerySchema } from "@/lib/schemas/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { parseSearchParams } from "@/lib/server/errors";
import { auditPageFor } from "@/lib/server/dal/audit";

/** Audit entries, newest first, filtered by actor, action, target and time: 1-based pages, or backwards with `before` (the last id seen). */
export const GET = withRole("manager", async ({ req, user }) => json(await auditPageFor(user, parseSearchParams(req.url, auditQuerySchema))));

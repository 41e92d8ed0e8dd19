import { auditQuerySchema } from "@/lib/schemas/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { parseSearchParams } from "@/lib/server/errors";
import { auditEntriesFor } from "@/lib/server/dal/audit";

/** Audit entries, newest first; page backwards with `before` (the last id seen). */
export const GET = withRole("admin", async ({ req, user }) => {
  const { limit, before } = parseSearchParams(req.url, auditQuerySchema);
  const items = await auditEntriesFor(user, { limit, beforeId: before });
  return json({ items, next_before: items.length === limit ? (items.at(-1)?.id ?? null) : null });
});

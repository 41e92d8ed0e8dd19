import { z } from "zod";
import { json, withRole } from "@/lib/server/auth/with-role";
import { parseSearchParams } from "@/lib/server/errors";
import { auditEntriesFor } from "@/lib/server/dal/audit";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/** Audit entries, newest first; page backwards with `before` (the last id seen). */
export const GET = withRole("admin", async ({ req, user }) => {
  const { limit, before } = parseSearchParams(req.url, querySchema);
  const items = await auditEntriesFor(user, { limit, beforeId: before });
  return json({ items, next_before: items.length === limit ? items.at(-1)?.id : null });
});

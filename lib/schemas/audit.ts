import "./zod-config";
import { z } from "zod";

/** The newest change made through the console: Syllable's last_updated_by only names the API key's user. */
export type ConsoleChange = { actor_email: string; action: string; at: string };

/** GET /api/audit: newest first; page backwards with `before` (the last id seen). */
export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

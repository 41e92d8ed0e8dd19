import "./zod-config";
import { z } from "zod";

/** The newest change made through the console: Syllable's last_updated_by only names the API key's user. */
export type ConsoleChange = { actor_email: string; action: string; at: string };

const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use YYYY-MM-DD or a full ISO date-time" });

/** The audit filters: `action` exact or a prefix ending in "." ("batch."), `target` exact or a prefix ending in ":" ("batch:"); `from`/`to` UTC days or instants. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().toLowerCase().max(254).optional(),
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_.]*$/, { error: "An action name, e.g. batch.pause, or a prefix such as batch." })
    .optional(),
  target: z.string().trim().max(300).optional(),
  from: dateOrDateTime.optional(),
  to: dateOrDateTime.optional(),
});

/** GET /api/audit: newest first, 1-based `page`s of `limit` (or backwards from `before`, the last id seen). */
export const auditQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  before: z.coerce.number().int().min(1).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** An audit entry as GET /api/audit answers it. */
export type AuditEntryView = {
  id: number;
  at: string;
  actorEmail: string;
  actorRole: "supervisor" | "manager" | "admin" | "anonymous" | "system";
  action: string;
  target: string;
  outcome: "pending" | "ok" | "failed" | "unknown";
  detail: Record<string, unknown>;
};

import "./zod-config";
import { z } from "zod";
import { emailSchema } from "./auth";

/** POST /api/tokens (admin): a token for a user's scripts. */
export const tokenCreateSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Name the token (what script uses it).").max(100, "At most 100 characters."),
  expires_at: z.iso
    .datetime({ offset: true, error: "Use an ISO date-time, e.g. 2027-01-31T00:00:00Z." })
    .refine((v) => Date.parse(v) > Date.now(), "Must be in the future.")
    .nullable()
    .optional(),
});
export type TokenCreate = z.infer<typeof tokenCreateSchema>;

/** A token as listed: never the token itself. */
export type TokenInfo = { id: string; email: string; name: string; created_at: string; expires_at: string | null; last_used_at: string | null };
export type TokenCreated = TokenInfo & { token: string };

import "./zod-config";
import { z } from "zod";
import { emailSchema } from "./auth";
import { roleSchema, type Role } from "./roles";

/** POST /api/tokens: a token for your scripts, or (admins) for another user's. */
export const tokenCreateSchema = z.object({
  email: emailSchema.optional().describe("whose token (admins only; default: yours)"),
  role: roleSchema.optional().describe("the most the token may do: at most your role and its user's (default: its user's role)"),
  name: z.string().trim().min(1, "Name the token (what script uses it).").max(100, "At most 100 characters."),
  expires_at: z.iso
    .datetime({ offset: true, error: "Use an ISO date-time, e.g. 2027-01-31T00:00:00Z." })
    .refine((v) => Date.parse(v) > Date.now(), "Must be in the future.")
    .nullable()
    .optional(),
});
export type TokenCreate = z.infer<typeof tokenCreateSchema>;

/** A token as listed: never the token itself. `role`: its own limit (null: its user's role). */
export type TokenInfo = {
  id: string;
  email: string;
  name: string;
  role: Role | null;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
};
export type TokenCreated = TokenInfo & { token: string };

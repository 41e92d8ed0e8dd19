import "./zod-config";
import { z } from "zod";
import { emailSchema, newPasswordSchema } from "./auth";
import { reasonSchema } from "./fields";
import { roleSchema, type Role } from "./roles";

// User management in the browser (admins): the same rules as the users CLI.

/** POST /api/users: without a password, one is generated and shown once. */
export const userCreateSchema = z
  .object({ email: emailSchema, role: roleSchema, password: newPasswordSchema.optional(), reason: reasonSchema.optional() })
  .strict();
export type UserCreate = z.infer<typeof userCreateSchema>;

/** PATCH /api/users/{id}: a new role, a new password, or `reset_password` for a generated one (shown once); an optional reason for the audit log. */
export const userUpdateSchema = z
  .object({ role: roleSchema.optional(), password: newPasswordSchema.optional(), reset_password: z.literal(true).optional(), reason: reasonSchema.optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.password !== undefined || v.reset_password, { error: "Nothing to change: send role, password or reset_password" })
  .refine((v) => !(v.password !== undefined && v.reset_password), { path: ["password"], error: "Either set a password or reset it, not both" });
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** DELETE /api/users/{id}: why (required, recorded in the audit log). */
export const userRemoveSchema = z.object({
  reason: z.string().trim().min(3, { error: "Give a reason (at least 3 characters)" }).max(500, { error: "At most 500 characters" }),
});

export type UserInfo = { id: number; email: string; role: Role; created_at: string; last_sign_in_at: string | null };
export type UserListResponse = { items: UserInfo[] };
/** `password` only when the console generated it: shown this once, never stored in clear. */
export type UserChangeResponse = { user: UserInfo; password?: string };

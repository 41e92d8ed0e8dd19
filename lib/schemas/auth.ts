import "./zod-config";
import { z } from "zod";

/** RFC 5321's limit; checked before anything else looks at the text. */
export const MAX_EMAIL_LENGTH = 254;
export { MIN_PASSWORD_LENGTH } from "@/lib/domain/limits";
import { MIN_PASSWORD_LENGTH } from "@/lib/domain/limits";
const MAX_PASSWORD_LENGTH = 1024;

/**
 * Deliberately loose (something@something.tld): internal addresses like a@b.c are fine. A linear
 * scan instead of a regular expression: no input can make it backtrack.
 */
export function looksLikeEmail(s: string): boolean {
  const at = s.indexOf("@");
  if (at < 1 || at !== s.lastIndexOf("@")) return false;
  const domain = s.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  if (dot < 1 || dot === domain.length - 1) return false;
  for (let i = 0; i < s.length; i++) if (/\s/.test(s[i]!)) return false;
  return true;
}

export const emailSchema = z
  .string()
  .max(MAX_EMAIL_LENGTH, { error: `An email address has at most ${MAX_EMAIL_LENGTH} characters.`, abort: true })
  .trim()
  .toLowerCase()
  .refine(looksLikeEmail, { error: "Enter a valid email address." });

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, "That password is too long."),
});
export type LoginInput = z.infer<typeof loginSchema>;

/** A new password for a real account (sandbox demo accounts are exempt). */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

/** POST /api/auth/password: a person changes their own password (the current one required). */
export const passwordChangeSchema = z
  .object({
    current_password: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH, "That password is too long."),
    new_password: newPasswordSchema,
  })
  .strict();
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

import "server-only";
// What a new password must not be, beyond its length: one of the ~49,000 passwords attackers try
// first (zxcvbn-ts's ranked list of common passwords, bundled: no network), also with digits or
// symbols stuck before or after it ("Password2024!", "123dragon"), nor built on the email's name.
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | null = null;
const commonPasswords = () => (common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())));

/** Why `password` is refused for the account `email`, as a sentence, or null when it may be used. */
export function passwordProblem(password: string, email: string): string | null {
  const p = password.toLowerCase();
  const core = p.replace(/^[\d\W_]+/, "").replace(/[\d\W_]+$/, "");
  if (commonPasswords().has(p) || (core.length >= 4 && commonPasswords().has(core))) {
    return "That password is on the list of common passwords attackers try first. Choose another (a few unrelated words work well).";
  }
  const name = email
    .split("@", 1)[0]!
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  if (name.length >= 4 && p.replace(/[^a-z0-9]/g, "").includes(name)) return "A password must not contain your email address's name.";
  if (/^(.)\1*$/.test(password) || new Set(password).size < 4) return "A password needs more than a few different characters.";
  return null;
}

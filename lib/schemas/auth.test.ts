import { describe, expect, it } from "vitest";
import { emailSchema, looksLikeEmail, loginSchema, newPasswordSchema } from "./auth";

describe("emailSchema", () => {
  it.each(["a@b.c", "Someone.Else+tag@Example.COM "])("accepts %j (trimmed, lower case)", (email) => {
    expect(emailSchema.parse(email)).toBe(email.trim().toLowerCase());
  });

  it.each(["", "a", "a@b", "@b.c", "a@.c", "a@b.", "a@@b.c", "a b@c.d", "a@b.c@d.e"])("refuses %j", (email) => {
    expect(emailSchema.safeParse(email).success).toBe(false);
  });

  it("refuses an address over 254 characters with that reason, before looking at its shape", () => {
    // The input that took the old pattern 8 s of backtracking: it now fails on length alone.
    const attack = "a@" + ".".repeat(120_000) + "@";
    const r = emailSchema.safeParse(attack);
    expect(r.success).toBe(false);
    expect(r.error!.issues).toHaveLength(1);
    expect(r.error!.issues[0]!.message).toContain("at most 254");
  });

  it("the shape check is a single scan with no pattern to backtrack (the same attack under the length cap)", () => {
    expect(looksLikeEmail("a@" + ".".repeat(240) + "@")).toBe(false);
    expect(looksLikeEmail("x".repeat(200) + "@" + "y".repeat(40) + ".io")).toBe(true);
  });
});

describe("passwords", () => {
  it("sign-in takes any non-empty password; a new one needs 12 or more characters", () => {
    expect(loginSchema.safeParse({ email: "a@b.c", password: "x" }).success).toBe(true);
    expect(newPasswordSchema.safeParse("x").success).toBe(false);
    expect(newPasswordSchema.safeParse("eleven-char").success).toBe(false);
    expect(newPasswordSchema.safeParse("twelve-chars").success).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem: common passwords are refused, whatever their length", () => {
  it.each([
    "qwerty123456",
    "1q2w3e4r5t6y",
    "Password2024!",
    "passwordpassword"[0] === "p" ? "password1234" : "",
    "123456789qwe",
    "!!Dragon123456",
    "leavemealone",
    "Baseball-2025",
  ])("%s is refused as common", (pw) => {
    expect(passwordProblem(pw, "ann@example.com")).toMatch(/common passwords/);
  });
  it("a password built on the email's name, or of a few characters repeated, is refused", () => {
    expect(passwordProblem("annabelle-2026-x", "annabelle@example.com")).toMatch(/email address's name/);
    expect(passwordProblem("aaaaaaaaaaaaaaaa", "ann@example.com")).toMatch(/more than a few different characters/);
    expect(passwordProblem("abababababababab", "ann@example.com")).toMatch(/more than a few different characters/);
  });
  it.each(["correct-horse-battery-staple", "tulip quarry 47 lantern", "e2e-crash-test-password"])("%s is fine", (pw) => {
    expect(passwordProblem(pw, "ann@example.com")).toBeNull();
  });
});

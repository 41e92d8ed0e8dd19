import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  it("a nonce-based CSP without unsafe-inline/eval for scripts, framing and plugins off, COOP, Permissions-Policy", () => {
    const h = securityHeaders("abc123", { https: false });
    const csp = h["Content-Security-Policy"]!;
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "default-src 'self'"]) expect(csp).toContain(d);
    expect(h["Cross-Origin-Opener-Policy"]).toBe("same-origin");
    expect(h["Permissions-Policy"]).toContain("camera=()");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("adds HSTS and upgrade-insecure-requests when served over HTTPS (COOKIE_SECURE=1)", () => {
    const h = securityHeaders("n", { https: true });
    expect(h["Strict-Transport-Security"]).toMatch(/max-age=\d{7,}/);
    expect(h["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });
});

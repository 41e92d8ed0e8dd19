import crypto from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, resetConfigForTests } from "@/lib/server/env";
import { getStore, type Session } from "@/lib/server/store";
import { readSession, sessionCookieName, sessionIsCurrent } from "./session";

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

afterEach(() => {
  delete process.env.COOKIE_SECURE;
  resetConfigForTests();
});

describe("session lifetime", () => {
  const cfg = loadConfig({ SESSION_IDLE_HOURS: "8", SESSION_MAX_DAYS: "7" });
  const now = Date.parse("2026-06-10T12:00:00Z");
  const session = (createdAgo: number, seenAgo: number): Session => ({
    idHash: "h",
    userId: 1,
    createdAt: at(now - createdAgo),
    lastSeenAt: at(now - seenAgo),
    userAgent: "",
    address: "",
  });

  it("stays current while used within the idle timeout (it slides), up to the absolute limit", () => {
    expect(sessionIsCurrent(session(2 * 24 * HOUR, 7 * HOUR), now, cfg)).toBe(true);
    expect(sessionIsCurrent(session(2 * 24 * HOUR, 8 * HOUR + 1), now, cfg)).toBe(false); // idle
    expect(sessionIsCurrent(session(7 * 24 * HOUR + 1, 1000), now, cfg)).toBe(false); // absolute
  });

  it("both timeouts are configurable", () => {
    const short = loadConfig({ SESSION_IDLE_HOURS: "0.5", SESSION_MAX_DAYS: "1" });
    expect(sessionIsCurrent(session(HOUR, 31 * 60_000), now, short)).toBe(false);
    expect(sessionIsCurrent(session(25 * HOUR, 1000), now, short)).toBe(false);
    expect(sessionIsCurrent(session(HOUR, 29 * 60_000), now, short)).toBe(true);
  });
});

describe("session cookie name", () => {
  it("uses the __Host- prefix when served over HTTPS (COOKIE_SECURE=1)", () => {
    resetConfigForTests();
    expect(sessionCookieName()).toBe("outbound_session");
    process.env.COOKIE_SECURE = "1";
    resetConfigForTests();
    expect(sessionCookieName()).toBe("__Host-outbound_session");
  });
});

describe("reading the session from a Cookie header", () => {
  it("finds the stored session by the cookie's opaque token, and nothing once it is revoked; anything else is nobody", async () => {
    process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "oc-session-"));
    resetConfigForTests();
    const store = getStore();
    const user = await store.users.create({ email: "s@example.com", role: "supervisor", passwordHash: "x" });
    const sid = crypto.randomBytes(32).toString("base64url");
    const idHash = crypto.createHash("sha256").update(sid).digest("base64url");
    const now = new Date().toISOString();
    await store.sessions.create({ idHash, userId: user.id, createdAt: now, lastSeenAt: now, userAgent: "", address: "" });

    const cookie = `theme=dark; outbound_session=${sid}`;
    expect((await readSession(cookie))?.userId).toBe(user.id);
    expect(await readSession(`outbound_session=${crypto.randomBytes(32).toString("base64url")}`)).toBeNull(); // no such session
    expect(await readSession(`outbound_session=${sid.slice(0, -1)}`)).toBeNull(); // not a token
    expect(await readSession(`outbound_session=${idHash}x`)).toBeNull(); // the stored hash is no key
    expect(await readSession("theme=dark")).toBeNull();
    expect(await readSession(null)).toBeNull();

    await store.sessions.remove(idHash);
    expect(await readSession(cookie)).toBeNull();
  });
});

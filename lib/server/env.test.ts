import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadConfig } from "./env";

describe("loadConfig", () => {
  it("defaults to sandbox mode against the local sandbox when no API key is set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: "sandbox", baseUrl: "http://127.0.0.1:4010", apiKey: "sandbox", port: 3000, timeoutMs: 15000 });
    expect(c.dataDir).toBe(path.resolve("./data"));
  });

  it("uses live mode with SYLLABLE_BASE_URL (trailing slash dropped) when a key is set", () => {
    const c = loadConfig({ SYLLABLE_API_KEY: "k", SYLLABLE_BASE_URL: "http://127.0.0.1:4020/" });
    expect(c).toMatchObject({ mode: "live", baseUrl: "http://127.0.0.1:4020", apiKey: "k" });
    expect(loadConfig({ SYLLABLE_API_KEY: "k" }).baseUrl).toBe("https://api.syllable.cloud");
  });

  it("Postgres: the URL must be a postgres:// one (no shared secret needed: sessions are opaque tokens in the store)", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://db/console" }).databaseUrl).toBe("postgres://db/console");
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/console" })).toThrow(/DATABASE_URL: Use a postgres:\/\/ connection URL/);
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });

  it("treats blank variables as unset", () => {
    expect(loadConfig({ SYLLABLE_API_KEY: "  ", PORT: "" })).toMatchObject({ mode: "sandbox", port: 3000 });
  });

  it("points sandbox mode at SANDBOX_PORT", () => {
    expect(loadConfig({ SANDBOX_PORT: "4999" }).baseUrl).toBe("http://127.0.0.1:4999");
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["SYLLABLE_BASE_URL", "not a url"],
    ["SYLLABLE_BASE_URL", "ftp://example.com"],
    ["SANDBOX_SPEED", "-1"],
  ])("rejects %s=%s with a message naming the variable", (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toContain(`${name}:`);
    expect((error as Error).message).toContain(JSON.stringify(value));
    expect((error as Error).message).not.toMatch(/\n\s+at /); // no stack trace in the message
  });
});

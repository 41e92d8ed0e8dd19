import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { assertSameOrigin } from "./same-origin";

const cfg = loadConfig({});
const req = (method: string, headers: Record<string, string>, url = "http://console.example:3000/api/batches") =>
  new Request(url, { method, headers: { host: "console.example:3000", ...headers } });

function refused(r: Request, c = cfg): boolean {
  try {
    assertSameOrigin(r, c);
    return false;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
    return true;
  }
}

describe("assertSameOrigin", () => {
  it("lets reads through whatever their origin", () => {
    expect(refused(req("GET", { origin: "http://evil.example" }))).toBe(false);
  });

  it.each([
    ["another site", { origin: "http://evil.example" }],
    ["the same host on another port (same-site)", { origin: "http://console.example:4000" }],
    ["an opaque origin", { origin: "null" }],
    ["no Origin and no Sec-Fetch-Site", {}],
    ["no Origin and a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["no Origin and a same-site fetch", { "sec-fetch-site": "same-site" }],
  ])("refuses a write from %s", (_what, headers) => {
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) expect(refused(req(method, headers))).toBe(true);
  });

  it("accepts the console's own origin, or a same-origin fetch without Origin", () => {
    expect(refused(req("POST", { origin: "http://console.example:3000" }))).toBe(false);
    expect(refused(req("DELETE", { "sec-fetch-site": "same-origin" }))).toBe(false);
  });

  it("with PUBLIC_URL, only that origin and ALLOWED_ORIGINS count, not the Host header", () => {
    const c = loadConfig({ PUBLIC_URL: "https://console.acme.test", ALLOWED_ORIGINS: "https://ops.acme.test" });
    expect(refused(req("POST", { origin: "https://console.acme.test" }), c)).toBe(false);
    expect(refused(req("POST", { origin: "https://ops.acme.test" }), c)).toBe(false);
    expect(refused(req("POST", { origin: "http://console.example:3000" }), c)).toBe(true);
  });

  it("compares the scheme too: http:// is not the https:// console (secure cookies, or a trusted proxy's X-Forwarded-Proto)", () => {
    const secure = loadConfig({ COOKIE_SECURE: "1" });
    expect(refused(req("POST", { origin: "http://console.example:3000" }), secure)).toBe(true);
    expect(refused(req("POST", { origin: "https://console.example:3000" }), secure)).toBe(false);
    expect(refused(req("POST", { origin: "https://console.example:3000" }))).toBe(true); // a plain-http console
    const proxied = loadConfig({ TRUST_PROXY: "1" });
    expect(refused(req("POST", { origin: "https://console.example:3000", "x-forwarded-proto": "https" }), proxied)).toBe(false);
    expect(refused(req("POST", { origin: "http://console.example:3000", "x-forwarded-proto": "https" }), proxied)).toBe(true);
    expect(refused(req("POST", { origin: "https://console.example:3000", "x-forwarded-proto": "https" }))).toBe(true); // an untrusted header counts for nothing
  });
});

import { describe, expect, it, vi } from "vitest";

// Next bundles pages and route handlers apart, each with its own copy of lib/server/errors. An
// error made by one copy (a page's upstream call, shared with a handler) must keep its meaning in
// the other: 404 stays 404 and a timeout stays 504, never a generic 500.
async function freshCopy() {
  vi.resetModules();
  return import("./errors");
}

describe("errors across bundles", () => {
  it("a handler's copy answers another copy's ApiError with its own status and sentence", async () => {
    const pageCopy = await freshCopy();
    const handlerCopy = await freshCopy();
    expect(pageCopy.ApiError).not.toBe(handlerCopy.ApiError); // really two classes, as in two bundles
    for (const [code, status] of [
      ["not_found", 404],
      ["upstream_timeout", 504],
      ["conflict", 409],
    ] as const) {
      const res = handlerCopy.errorResponse(new pageCopy.ApiError(code, "Said by the other bundle."));
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: "Said by the other bundle." } });
    }
    expect(handlerCopy.isApiError(new pageCopy.ApiError("not_found", "x"))).toBe(true);
    expect(handlerCopy.isApiError(new Error("plain"))).toBe(false);
  });
});

// apiFetch's error mapping, with fetch stubbed: what a component's onError gets to read.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiClientError, apiFetch } from "./api-fetch";

function answer(status: number, text: string) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(text, { status, headers: { "Content-Type": "application/json" } })),
  );
}

async function caught(p: Promise<unknown>): Promise<ApiClientError> {
  const err: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiClientError);
  return err as ApiClientError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("apiFetch errors", () => {
  it("a 409 keeps code, message, fields and the whole body (so `current` can be read)", async () => {
    const current = { id: 7, hourly_rate: 300, updated_at: "2025-01-01T00:00:00.000Z" };
    answer(409, JSON.stringify({ error: { code: "conflict", message: "Someone changed this campaign.", fields: { hourly_rate: "now 300" } }, current }));
    const err = await caught(apiFetch("/api/campaigns/7", { method: "PATCH", json: { hourly_rate: 5 } }));
    expect(err.status).toBe(409);
    expect(err.code).toBe("conflict");
    expect(err.message).toBe("Someone changed this campaign.");
    expect(err.fields).toEqual({ hourly_rate: "now 300" });
    expect((err.body as { current: unknown }).current).toEqual(current);
  });

  it("an error without fields still gets {} fields", async () => {
    answer(404, JSON.stringify({ error: { code: "not_found", message: "No such campaign." } }));
    const err = await caught(apiFetch("/api/campaigns/1"));
    expect(err.fields).toEqual({});
    expect(err.body).toEqual({ error: { code: "not_found", message: "No such campaign." } });
  });

  it("a body not in the error shape is 'unknown' with the HTTP status; non-JSON leaves body null", async () => {
    answer(502, JSON.stringify({ oops: true }));
    const err = await caught(apiFetch("/api/batches"));
    expect([err.status, err.code, err.message]).toEqual([502, "unknown", "The server answered with HTTP 502."]);
    expect(err.body).toEqual({ oops: true });
    answer(500, "<html>boom</html>");
    const html = await caught(apiFetch("/api/batches"));
    expect(html.code).toBe("unknown");
    expect(html.body).toBeNull();
  });

  it("a network failure is status 0 with no body; success returns the parsed JSON", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("fetch failed"))),
    );
    const err = await caught(apiFetch("/api/batches"));
    expect([err.status, err.code, err.body]).toEqual([0, "network", undefined]);
    answer(200, JSON.stringify({ items: [1] }));
    await expect(apiFetch("/api/batches")).resolves.toEqual({ items: [1] });
  });
});

describe("readApiError", () => {
  // The browser reads error bodies by hand (keeping zod out of every page's first load); it must
  // accept exactly what the contract's schema accepts.
  it("agrees with apiErrorBodySchema on valid and malformed bodies", async () => {
    const fc = await import("fast-check");
    const { apiErrorBodySchema } = await import("@/lib/schemas/api-error");
    const { readApiError } = await import("./api-fetch");
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())));
    const body = fc.oneof(
      fc.record({ error: fc.record({ code: value, message: value, fields: fc.option(value, { nil: undefined }) }, { requiredKeys: [] }) }),
      fc.record({
        error: fc.record({ code: fc.string(), message: fc.string(), fields: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }) }),
      }),
      value,
    );
    fc.assert(
      fc.property(body, (b) => {
        const parsed = apiErrorBodySchema.safeParse(b);
        const read = readApiError(b);
        expect(read !== null).toBe(parsed.success);
        if (parsed.success) expect(read).toEqual(parsed.data.error);
      }),
      { numRuns: 2000 },
    );
    // Found by the property above: a field named __proto__ (zod drops it; so does the hand check).
    expect(readApiError({ error: { code: "", message: "", fields: JSON.parse('{"__proto__": ""}') } })).toEqual({ code: "", message: "", fields: {} });
  });
});

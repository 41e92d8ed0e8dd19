import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "@/lib/server/errors";
import { parseJsonBody, readBodyLimited } from "./body";

/** A chunked body (no Content-Length) of `chunks` × `size` bytes that counts how much was pulled. */
function chunkedRequest(chunks: number, size: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  const req = new Request("http://x/api", { method: "POST", body: stream, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

async function thrown(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected an ApiError");
}

describe("readBodyLimited", () => {
  it("stops a chunked body the moment it passes the limit (413), without reading the rest", async () => {
    const { req, pulled } = chunkedRequest(600, 1024 * 1024); // 600 MB if read whole
    const err = await thrown(readBodyLimited(req, 2 * 1024 * 1024));
    expect(err.code).toBe("payload_too_large");
    expect(err.status).toBe(413);
    expect(pulled()).toBeLessThan(6);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const req = new Request("http://x", { method: "POST", body: "x".repeat(10), headers: { "content-length": "99999999" } });
    expect((await thrown(readBodyLimited(req, 1000))).status).toBe(413);
  });

  it("returns a body within the limit whole", async () => {
    const { req } = chunkedRequest(3, 100);
    expect((await readBodyLimited(req, 300)).byteLength).toBe(300);
  });
});

describe("parseJsonBody", () => {
  const schema = z.object({ a: z.number() });
  const post = (body: string, type?: string) => new Request("http://x", { method: "POST", body, headers: type ? { "content-type": type } : {} });

  it.each([undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "answers 415 to a body sent as %s (what a cross-site form can send)",
    async (type) => {
      expect((await thrown(parseJsonBody(post('{"a":1}', type), schema))).status).toBe(415);
    },
  );

  it("answers 400 to invalid JSON, 422 to the wrong shape, 413 over 1 MB, and parses a good body", async () => {
    expect((await thrown(parseJsonBody(post("{a:1", "application/json"), schema))).status).toBe(400);
    expect((await thrown(parseJsonBody(post('{"a":"1"}', "application/json"), schema))).status).toBe(422);
    expect((await thrown(parseJsonBody(post(JSON.stringify({ a: 1, pad: "x".repeat(1024 * 1024) }), "application/json"), schema))).status).toBe(413);
    expect(await parseJsonBody(post('{"a":1}', "application/json; charset=utf-8"), schema)).toEqual({ a: 1 });
  });
});

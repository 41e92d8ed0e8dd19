// The Brotli copies of the build's static files: written once, served only to browsers that
// accept Brotli, never outside the build's static folder.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressStatic, staticBrotliServer } from "./static-assets";

let dist: string;
let server: http.Server;
let base: string;
const script = "console.log('hello');\n".repeat(200);

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), "oc-static-"));
  fs.mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
  fs.writeFileSync(path.join(dist, "static", "chunks", "app.js"), script);
  fs.writeFileSync(path.join(dist, "static", "chunks", "style.css"), "body{color:red}");
  fs.writeFileSync(path.join(dist, "static", "chunks", "icon.png"), "not compressed");
  fs.writeFileSync(path.join(dist, "secret.js"), "outside the static folder");
  const serve = staticBrotliServer(dist);
  server = http.createServer((req, res) => {
    if (!serve(req, res)) res.writeHead(299).end("next");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dist, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(p: string, acceptEncoding?: string, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static Brotli", () => {
  it("before precompressing, everything is left to Next", async () => {
    expect((await get("/_next/static/chunks/app.js", "br")).status).toBe(299);
  });

  it("writes a .br for scripts and stylesheets only, once", async () => {
    const first = await precompressStatic(dist);
    expect(first.written).toBe(2);
    expect(first.bytesOut).toBeLessThan(first.bytesIn);
    expect(fs.existsSync(path.join(dist, "static", "chunks", "icon.png.br"))).toBe(false);
    expect((await precompressStatic(dist)).written).toBe(0);
  });

  it("serves the Brotli copy to a browser that accepts it, with the right headers", async () => {
    const res = await get("/_next/static/chunks/app.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^application\/javascript/);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
    const css = await get("/_next/static/chunks/style.css", "br");
    expect(css.headers["content-type"]).toMatch(/^text\/css/);
    const head = await get("/_next/static/chunks/app.js", "br", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("leaves to Next what it cannot or must not answer", async () => {
    for (const [p, enc] of [
      ["/_next/static/chunks/app.js", undefined],
      ["/_next/static/chunks/app.js", "gzip"],
      ["/_next/static/chunks/app.js", "br;q=0, gzip"],
      ["/_next/static/chunks/icon.png", "br"],
      ["/_next/static/chunks/missing.js", "br"],
      ["/_next/static/chunks/app.js?v=1", "br"],
      ["/_next/static/%2e%2e/secret.js", "br"],
      ["/_next/static/..%2fsecret.js", "br"],
      ["/_next/static/%E0%A4%A.js", "br"],
      ["/other/app.js", "br"],
    ] as const) {
      expect((await get(p, enc)).status, `${p} (${enc})`).toBe(299);
    }
  });
});

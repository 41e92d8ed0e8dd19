// Hostile request lines against the real front server, over raw sockets (a browser or an HTTP
// client would clean them up first): every one gets an answer in the error shape, never a 5xx,
// a stack or a socket left hanging, and the process stays up. Then ≥ 3,000 fuzzed ones.
import net from "node:net";
import fc from "fast-check";
import { CONSOLE_PORT } from "./support/env";
import { expect, test } from "./support/test";

type Answer = { status: number | null; head: string; body: string; closed: boolean; ms: number };

/** Sends `text` as is on a new connection and reads until the server closes it (or `timeoutMs`). */
function raw(text: string, opts: { timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(CONSOLE_PORT, "127.0.0.1");
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks).toString("latin1");
      const [head = "", body = ""] = all.split("\r\n\r\n", 2);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      resolve({ status: status ? Number(status) : null, head, body, closed, ms: Date.now() - started });
      socket.destroy();
    };
    const timer = setTimeout(finish, opts.timeoutMs ?? 5_000);
    socket.on("data", (c) => chunks.push(c));
    socket.on("close", () => {
      closed = true;
      finish();
    });
    socket.on("error", () => undefined);
    socket.write(text, "latin1");
  });
}
const get = (target: string, headers: Record<string, string> = {}, method = "GET") =>
  raw(
    `${method} ${target} HTTP/1.1\r\n${Object.entries({ Host: `127.0.0.1:${CONSOLE_PORT}`, Connection: "close", ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("")}\r\n`,
  );
const errorOf = (a: Answer) => (JSON.parse(a.body) as { error: { code: string; message: string } }).error;

test.describe("hostile request lines", () => {
  test("each gets a 4xx in the error shape, and the server keeps answering", async () => {
    const cases: Array<[string, Promise<Answer>, number, string]> = [
      ["Host: [::1 on the fast lane", get("/api/batches/seed-payments-0401", { Host: "[::1" }), 400, "bad_request"],
      ["a Host with spaces", get("/api/batches/seed-payments-0401", { Host: "a b c" }), 400, "bad_request"],
      ["TRACE", get("/api/batches", {}, "TRACE"), 405, "method_not_allowed"],
      ["CONNECT", raw(`CONNECT 127.0.0.1:${CONSOLE_PORT} HTTP/1.1\r\nHost: 127.0.0.1:${CONSOLE_PORT}\r\n\r\n`), 405, "method_not_allowed"],
      ["an absolute-form target", get("http://evil.example/api/health"), 400, "bad_request"],
      ["a junk router state", get("/api/batches", { RSC: "1", "Next-Router-State-Tree": "%7Bjunk" }), 400, "bad_request"],
      ["an encoded '..' id", get("/api/batches/%2e%2e"), 400, "bad_request"],
      ["GET on the bulk route", get("/api/batches/bulk"), 405, "method_not_allowed"],
      ["a broken request line", raw("GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "bad_request"],
      ["20 kB of headers", get("/api/health", { "X-Big": "a".repeat(20_000) }), 431, "bad_request"],
    ];
    for (const [what, pending, status, code] of cases) {
      const a = await pending;
      expect(a.status, what).toBe(status);
      expect(a.head, what).toMatch(/content-type: application\/json/i);
      expect(errorOf(a).code, what).toBe(code);
      expect(a.body, what).not.toMatch(/\n\s+at |node_modules/);
    }
    const trace = await get("/", {}, "TRACE");
    expect(trace.head).toMatch(/\r\nallow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS/i);
    expect((await get("/api/health/live")).status).toBe(200);
  });

  test("a body that does not arrive within BODY_TIMEOUT_S is answered 408 and the connection closed", async () => {
    const a = await raw(
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${CONSOLE_PORT}\r\nOrigin: http://127.0.0.1:${CONSOLE_PORT}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`,
      { timeoutMs: 15_000 },
    );
    expect(a.status).toBe(408);
    expect(errorOf(a)).toMatchObject({ code: "request_timeout", message: "The request did not arrive within 3 s." });
    expect(a.closed).toBe(true);
    expect(a.ms).toBeLessThan(10_000);
  });

  test("fuzzing the request line and headers: 3,000 cases, no 5xx, every socket answered", async () => {
    test.setTimeout(300_000);
    const token = fc.stringMatching(/^[A-Z]{1,10}$/);
    const method = fc.oneof(fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"), token);
    const segment = fc.oneof(
      fc.constantFrom(
        "api",
        "batches",
        "campaigns",
        "health",
        "live",
        "bulk",
        "seed-payments-0401",
        "%2e%2e",
        "%2e",
        "..",
        "%00",
        "%zz",
        "%FF",
        "%C0%AE",
        "%E2%80%AE",
        "a".repeat(300),
        "%5C",
        "results.csv",
      ),
      fc.string({ maxLength: 10 }).map(encodeURIComponent),
    );
    const target = fc.oneof(
      fc.array(segment, { maxLength: 4 }).map((s) => `/${s.join("/")}`),
      fc.array(segment, { maxLength: 3 }).map((s) => `/api/${s.join("/")}`),
      fc.constantFrom("*", "http://evil.example/", "https://127.0.0.1/api/health", "//evil.example/x", "evil", "/api/health?x=%zz", "/?" + "q=1&".repeat(500)),
    );
    const host = fc.oneof(
      fc.constant(`127.0.0.1:${CONSOLE_PORT}`),
      fc.constantFrom("[::1", "a b", "", "localhost:99999", "[::1]:3000", "evil.example", "x".repeat(300), "%00"),
    );
    const extra = fc.dictionary(
      fc.constantFrom("Next-Router-State-Tree", "RSC", "Origin", "Content-Type", "X-Forwarded-For", "Accept-Encoding", "X-Request-Id", "Cookie"),
      fc.oneof(
        fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, "")),
        fc.constantFrom("%7B", "[]", "1", "br", "a".repeat(9000), "iron-session=junk"),
      ),
      { maxKeys: 3 },
    );
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(method, target, host, extra, async (m, t, h, headers) => {
        const a = await raw(
          `${m} ${t} HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n${Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join("")}\r\n`,
        );
        const key = String(a.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const where = `${m} ${t.slice(0, 80)} Host=${h.slice(0, 20)} → ${a.status}`;
        expect(a.status, where).not.toBeNull(); // answered, not left hanging
        expect(a.status! < 500, where).toBe(true);
        expect(a.body, where).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
      }),
      { numRuns: 3_000, seed: 20261205 },
    );
    console.log(`request-line fuzz: 3,000 cases; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect((await get("/api/health/live")).status).toBe(200);
  });
});

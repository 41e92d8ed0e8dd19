import { describe, expect, it } from "vitest";
import { refuseRequestLine, validHost } from "./request-line";

const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: { host: "console.example", ...headers } });

describe("refuseRequestLine: hostile request lines get a refusal in the error shape", () => {
  it.each([
    ["GET", "/batches"],
    ["HEAD", "/"],
    ["POST", "/api/batches"],
    ["OPTIONS", "/api/batches"],
    ["GET", "/api/batches/spring-2026?x=1"],
  ])("lets %s %s through", (m, u) => expect(refuseRequestLine(req(m, u))).toBeNull());

  it.each(["TRACE", "CONNECT", "PROPFIND", "M-SEARCH"])("%s is 405 with Allow", (m) => {
    const r = refuseRequestLine(req(m, "/"))!;
    expect(r).toMatchObject({ status: 405, code: "method_not_allowed" });
    expect(r.headers?.Allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  });

  it.each(["http://evil.example/", "https://evil.example/x", "*", "//evil.example/", "evil"])("an absolute-form or odd target %s is 400", (u) => {
    expect(refuseRequestLine(req("GET", u))).toMatchObject({ status: 400, code: "bad_request" });
  });

  it.each(["[::1", "a b", "console.example:80x", "exa mple.com", "", "ex_ample:999999"])("a Host of %j is 400", (host) => {
    expect(refuseRequestLine(req("GET", "/api/batches/x", { host }))).toMatchObject({ status: 400, message: "The Host header is not a valid host name." });
  });

  it.each(["console.example", "127.0.0.1:3000", "[::1]:3000", "[::1]", "localhost"])("a Host of %s is fine", (host) => expect(validHost(host)).toBe(true));

  it("a junk Next-Router-State-Tree is 400; a real one passes", () => {
    expect(refuseRequestLine(req("GET", "/batches", { "next-router-state-tree": "%%junk" }))).toMatchObject({ status: 400 });
    expect(refuseRequestLine(req("GET", "/batches", { "next-router-state-tree": encodeURIComponent('{"a":1}') }))).toMatchObject({ status: 400 });
    expect(
      refuseRequestLine(req("GET", "/batches", { "next-router-state-tree": encodeURIComponent('["",{"children":["batches",{}]},null,null,true]') })),
    ).toBeNull();
  });

  it("encoded dot segments are 400 before anything is sent upstream", () => {
    expect(refuseRequestLine(req("GET", "/api/batches/%2e%2e"))).toMatchObject({ status: 400 });
    expect(refuseRequestLine(req("GET", "/api/batches/%2E"))).toMatchObject({ status: 400 });
    expect(refuseRequestLine(req("GET", "/api/batches/a..b"))).toBeNull();
  });
});

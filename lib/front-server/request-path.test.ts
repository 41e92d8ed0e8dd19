import { describe, expect, it } from "vitest";
import { badPathReason, clientAddressOf } from "./request-path";

describe("badPathReason", () => {
  it.each(["/batches", "/api/batches/spring%202026/results?x=%zz", "/api/batches/%E2%9C%93", "/_next/static/chunks/app.js", "/api/batches/" + "a".repeat(256)])(
    "lets %s through",
    (url) => expect(badPathReason(url)).toBeNull(),
  );

  it.each(["/api/batches/%", "/api/batches/%zz", "/batches/%FF", "/api/batches/%C0%AE", "/api/batches/%ED%A0%80", "/api/batches/a%00b"])(
    "refuses %s as not valid text",
    (url) => {
      expect(badPathReason(url)).toMatch(/percent-encoding|not valid text/);
    },
  );

  it("refuses a segment longer than 256 characters once decoded", () => {
    expect(badPathReason("/api/batches/" + "a".repeat(5400))).toMatch(/longer than 256/);
    expect(badPathReason("/batches/" + "%41".repeat(257))).toMatch(/longer than 256/);
  });
});

describe("clientAddressOf", () => {
  it("uses the socket unless a trusted proxy reports the client; then the entry that proxy appended", () => {
    expect(clientAddressOf("10.0.0.5", "6.6.6.6", false)).toBe("10.0.0.5");
    expect(clientAddressOf("10.0.0.5", "6.6.6.6, 203.0.113.9", true)).toBe("203.0.113.9");
    expect(clientAddressOf("10.0.0.5", undefined, true)).toBe("10.0.0.5");
  });
});

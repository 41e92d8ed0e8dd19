import { describe, expect, it } from "vitest";
import { HOME_PATH, safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it.each(["/batches?status=ACTIVE&page=2", "/batches/spring-2026/results?status=FAILED#top", "/campaigns/3"])("keeps the same-origin path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    "//evil.example/phish",
    // Dot segments resolved into a second slash (found in round 2): decoded once, then resolved.
    "/.//evil.example",
    "%2F.%2F%2Fevil.example",
    "/a/..//x",
    "/%2e//x",
    "/%2E%2E//evil.example",
    "/x/./..//evil.example",
    "/\\evil.example/phish",
    "/%5Cevil.example/phish",
    "/%5cevil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "/%zz",
    "/\u0000x",
    "/ x",
    "",
    "/" + "a".repeat(3000),
  ])("sends %j to the home page instead", (path) => {
    expect(safeNextPath(path)).toBe(HOME_PATH);
  });

  it("ignores anything that is not a single string", () => {
    expect(safeNextPath(["/a", "/b"])).toBe(HOME_PATH);
    expect(safeNextPath(undefined)).toBe(HOME_PATH);
  });
});

import { describe, expect, it } from "vitest";
import { parseRoleMap, roleFor } from "./role-map";

describe("OIDC role map", () => {
  const map = parseRoleMap("ops-admins=admin, ops-managers=manager,*=supervisor");
  it("the most powerful role among the person's groups; * for everyone else", () => {
    expect(roleFor(["ops-managers", "ops-admins"], map)).toBe("admin");
    expect(roleFor(["ops-managers"], map)).toBe("manager");
    expect(roleFor("ops-managers", map)).toBe("manager");
    expect(roleFor(["sales"], map)).toBe("supervisor");
    expect(roleFor(undefined, map)).toBe("supervisor");
  });
  it("no match and no * is no role (the sign-in is refused)", () => {
    const strict = parseRoleMap("ops-admins=admin");
    expect(roleFor(["sales"], strict)).toBeNull();
    expect(roleFor([], strict)).toBeNull();
  });
  it("a bad entry is named", () => {
    expect(() => parseRoleMap("ops-admins=owner")).toThrow('"ops-admins=owner" is not group=role with a role of supervisor, manager, admin.');
    expect(() => parseRoleMap("=admin")).toThrow(/is not group=role/);
  });
});

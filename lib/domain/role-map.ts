// Which console role a person gets from their identity provider's groups (OIDC_ROLE_MAP, as
// Grafana's role_attribute_path does it): "ops-admins=admin,ops-managers=manager,*=supervisor".
// The most powerful role among the groups they are in wins; "*" is everyone else; with no match
// and no "*" there is no role, and the sign-in is refused.
import { hasRole, ROLES, type Role } from "./roles";

export type RoleMap = { groups: Array<[string, Role]>; fallback: Role | null };

/** Reads the map; throws a sentence naming the bad entry. */
export function parseRoleMap(text: string): RoleMap {
  const map: RoleMap = { groups: [], fallback: null };
  for (const entry of text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const group = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim() as Role;
    if (at <= 0 || !group || !ROLES.includes(role)) throw new Error(`"${entry}" is not group=role with a role of ${ROLES.join(", ")}.`);
    if (group === "*") map.fallback = role;
    else map.groups.push([group, role]);
  }
  return map;
}

/** The role for a person in `groups` (a claim's value: a list, or one name), or null when none applies. */
export function roleFor(groups: unknown, map: RoleMap): Role | null {
  const theirs = new Set((Array.isArray(groups) ? groups : typeof groups === "string" ? [groups] : []).map(String));
  let best: Role | null = null;
  for (const [group, role] of map.groups) if (theirs.has(group) && (!best || hasRole(role, best))) best = role;
  return best ?? map.fallback;
}

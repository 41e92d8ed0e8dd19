// Roles as plain values, without zod, so the shell and pages can check them in the browser
// without loading the schema library (lib/schemas/roles.ts adds the schema).

/** Roles in ascending order of power: each role can do everything the ones before it can. */
export const ROLES = ["supervisor", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** True when `actual` is at least as powerful as `required`. Used by the API and to hide UI controls. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export const ROLE_LABELS: Record<Role, string> = {
  supervisor: "Supervisor",
  manager: "Campaign manager",
  admin: "Admin",
};

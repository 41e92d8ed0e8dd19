import "./zod-config";
import { z } from "zod";

/** Roles in ascending order of power: each role can do everything the ones before it can. */
export const ROLES = ["supervisor", "manager", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** True when `actual` is at least as powerful as `required`. Used by the API and to hide UI controls. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export const ROLE_LABELS: Record<Role, string> = {
  supervisor: "Supervisor",
  manager: "Campaign manager",
  admin: "Admin",
};

import "./zod-config";
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";

export { hasRole, ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";
export const roleSchema = z.enum(ROLES);

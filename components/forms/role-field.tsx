"use client";

// Choosing a role (a new user's, a token's), offered only up to `roles`.
import { describedBy, Field, Select } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";

export function RoleField({
  id,
  value,
  onChange,
  error,
  roles = ROLES,
}: {
  id: string;
  value: Role;
  onChange: (r: Role) => void;
  error?: string;
  roles?: readonly Role[];
}) {
  return (
    <Field id={id} label="Role" error={error}>
      <Select value={value} onChange={(e) => onChange(e.target.value as Role)} {...describedBy(id, error)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </Select>
    </Field>
  );
}

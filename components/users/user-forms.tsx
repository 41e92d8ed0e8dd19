"use client";

// The user-management forms (loaded when a dialog opens). A password the console generates is
// shown here once, with a copy button: it is stored only as a hash.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { RoleField } from "@/components/forms/role-field";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";
import { useUserWrites } from "@/lib/queries/users";
import type { UserInfo } from "@/lib/schemas/users";

/** The generated password, once. */
function ShowPasswordOnce({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <p className="text-sm">
        The password for <strong>{email}</strong>. It is shown only now: give it to them through a safe channel.
      </p>
      <p className="flex items-center gap-2">
        <code data-testid="one-time-password" className="rounded bg-slate-100 px-2 py-1 font-mono text-sm">
          {password}
        </code>
        <Button
          size="sm"
          variant="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(password).then(
              () => setCopied(true),
              () => toast.error("Could not copy: select the password and copy it."),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </p>
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

export function AddUserForm({ onDone }: { onDone: () => void }) {
  const { add } = useUserWrites();
  const errors = useApiErrors();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("supervisor");
  const [password, setPassword] = useState("");
  const [shown, setShown] = useState<{ email: string; password: string } | null>(null);
  if (shown) return <ShowPasswordOnce {...shown} onDone={onDone} />;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        add.mutate(
          { email: email.trim(), role, ...(password ? { password } : {}) },
          {
            onSuccess: (res) => {
              toast.success(`${res.user.email} added as ${ROLE_LABELS[res.user.role]}.`);
              if (res.password) setShown({ email: res.user.email, password: res.password });
              else onDone();
            },
            onError: errors.show,
          },
        );
      }}
    >
      <Field id="user-email" label="Email" error={errors.fields.email}>
        <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" {...describedBy("user-email", errors.fields.email)} />
      </Field>
      <RoleField id="user-role" value={role} onChange={setRole} error={errors.fields.role} />
      <Field
        id="user-password"
        label="Initial password (optional)"
        hint="12 characters at least. Leave empty to have one generated and shown once."
        error={errors.fields.password}
      >
        <Input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          {...describedBy("user-password", errors.fields.password)}
        />
      </Field>
      <FormErrorAlert messages={errors.form} />
      <FormActions submitLabel="Add user" busy={add.isPending} onCancel={onDone} />
    </form>
  );
}

export function RoleForm({ user, lastAdmin, onDone }: { user: UserInfo; lastAdmin: boolean; onDone: () => void }) {
  const { update } = useUserWrites();
  const errors = useApiErrors();
  const [role, setRole] = useState<Role>(user.role);
  const [reason, setReason] = useState("");
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        update.mutate(
          { id: user.id, role, ...(reason.trim() ? { reason: reason.trim() } : {}) },
          {
            onSuccess: () => {
              toast.success(`${user.email} is now ${ROLE_LABELS[role]}; their sessions were ended.`);
              onDone();
            },
            onError: errors.show,
          },
        );
      }}
    >
      <Field
        id="role-new"
        label="Role"
        hint={
          lastAdmin
            ? "The last admin keeps the admin role: make someone else an admin first."
            : "They are signed out everywhere and sign in again with the new role."
        }
        error={errors.fields.role}
      >
        <Select value={role} onChange={(e) => setRole(e.target.value as Role)} {...describedBy("role-new", errors.fields.role)}>
          {ROLES.map((r) => (
            <option key={r} value={r} disabled={lastAdmin && r !== "admin"}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="role-reason" label="Reason (optional)" hint="Kept in the audit log.">
        <Input
          id="role-reason"
          aria-describedby="role-reason-hint"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. now leads the night shift"
        />
      </Field>
      <FormErrorAlert messages={errors.form} />
      <FormActions submitLabel="Change role" busy={update.isPending} disabled={role === user.role} onCancel={onDone} />
    </form>
  );
}

export function ResetPasswordForm({ user, onDone }: { user: UserInfo; onDone: () => void }) {
  const { update } = useUserWrites();
  const errors = useApiErrors();
  const [shown, setShown] = useState<string | null>(null);
  if (shown) return <ShowPasswordOnce email={user.email} password={shown} onDone={onDone} />;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        update.mutate({ id: user.id, reset_password: true }, { onSuccess: (res) => setShown(res.password ?? ""), onError: errors.show });
      }}
    >
      <p className="text-sm">A new password is generated and shown once; the old one stops working and {user.email} is signed out everywhere.</p>
      <FormErrorAlert messages={errors.form} />
      <FormActions submitLabel="Reset password" busy={update.isPending} onCancel={onDone} destructive />
    </form>
  );
}

export function RemoveUserForm({ user, onDone }: { user: UserInfo; onDone: () => void }) {
  const { remove } = useUserWrites();
  const errors = useApiErrors();
  const [reason, setReason] = useState("");
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        remove.mutate(
          { id: user.id, reason: reason.trim() },
          {
            onSuccess: () => {
              toast.success(`${user.email} removed; their sessions and API tokens with them.`);
              onDone();
            },
            onError: errors.show,
          },
        );
      }}
    >
      <p className="text-sm">{user.email} can no longer sign in; their sessions and API tokens end now. Their entries in the audit log stay.</p>
      <Field id="remove-reason" label="Reason" hint="Recorded in the audit log." error={errors.fields.reason}>
        <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy("remove-reason", errors.fields.reason)} />
      </Field>
      <FormErrorAlert messages={errors.form} />
      <FormActions submitLabel="Remove user" busy={remove.isPending} onCancel={onDone} destructive />
    </form>
  );
}

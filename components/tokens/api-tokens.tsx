"use client";

// The API tokens page: your tokens (admins: everyone's) with their role, maker, last use and
// expiry; a form for a new one (a role at most your own, an expiry required) whose token is shown
// once with a copy button; and revoking, after a confirmation.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { RoleField } from "@/components/forms/role-field";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field, Input } from "@/components/ui/field";
import { QueryProblem } from "@/components/ui/query-problem";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { RelativeTime } from "@/components/ui/time";
import { toast } from "@/components/ui/toast";
import { hasRole, ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";
import { apiFetch } from "@/lib/queries/api-fetch";
import type { TokenCreated, TokenInfo } from "@/lib/schemas/tokens";

const KEY = ["tokens"];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function ApiTokens({ me }: { me: { email: string; role: Role } }) {
  const isAdmin = hasRole(me.role, "admin");
  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => apiFetch<{ items: TokenInfo[] }>("/api/tokens", { signal }) });
  const [shown, setShown] = useState<TokenCreated | null>(null);
  return (
    <div className="space-y-4">
      <Card title="New token">
        <NewToken me={me} onMade={setShown} />
        {shown && <ShownOnce token={shown} onDone={() => setShown(null)} />}
      </Card>
      <Card title={isAdmin ? "Every token" : "Your tokens"}>
        <QueryProblem query={list} what="The tokens" />
        {list.isPending ? (
          <LoadingState />
        ) : list.data && list.data.items.length === 0 ? (
          <EmptyState title="No tokens yet.">Make one above for a script.</EmptyState>
        ) : (
          list.data && <TokenTable items={list.data.items} showOwner={isAdmin} />
        )}
      </Card>
    </div>
  );
}

function NewToken({ me, onMade }: { me: { email: string; role: Role }; onMade: (t: TokenCreated) => void }) {
  const id = useId();
  const qc = useQueryClient();
  const errors = useApiErrors();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(me.role);
  const [expires, setExpires] = useState(inDays(90));
  const [email, setEmail] = useState("");
  const make = useMutation({
    mutationFn: () =>
      apiFetch<TokenCreated>("/api/tokens", {
        method: "POST",
        json: { name, role, expires_at: `${expires}T23:59:59Z`, ...(email.trim() ? { email: email.trim() } : {}) },
      }),
    onSuccess: (t) => {
      errors.clear();
      setName("");
      onMade(t);
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => errors.show(err),
  });
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        make.mutate();
      }}
    >
      <Field id={`${id}-name`} label="Name (what uses it)" error={errors.fields.name}>
        <Input {...describedBy(`${id}-name`, errors.fields.name)} value={name} onChange={(e) => setName(e.target.value)} placeholder="nightly export" />
      </Field>
      <RoleField id={`${id}-role`} value={role} onChange={setRole} error={errors.fields.role} roles={ROLES.filter((r) => hasRole(me.role, r))} />
      <Field id={`${id}-expires`} label="Expires (end of day, UTC)" error={errors.fields.expires_at}>
        <Input
          type="date"
          required
          {...describedBy(`${id}-expires`, errors.fields.expires_at)}
          value={expires}
          min={inDays(1)}
          onChange={(e) => setExpires(e.target.value)}
        />
      </Field>
      {hasRole(me.role, "admin") && (
        <Field id={`${id}-email`} label="For (email; empty: you)" error={errors.fields.email}>
          <Input {...describedBy(`${id}-email`, errors.fields.email)} value={email} onChange={(e) => setEmail(e.target.value)} placeholder={me.email} />
        </Field>
      )}
      <Button type="submit" busy={make.isPending} disabled={!expires}>
        Make token
      </Button>
      {errors.form.map((m) => (
        <p key={m} role="alert" className="w-full text-sm text-red-700">
          {m}
        </p>
      ))}
    </form>
  );
}

/** The token, once: copied or written down now, never shown again. */
function ShownOnce({ token, onDone }: { token: TokenCreated; onDone: () => void }) {
  return (
    <div role="status" className="mt-3 space-y-2 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="new-token">
      <p>
        Token <strong>{token.name}</strong> made. Copy it now: it is not shown again.
      </p>
      <code className="block rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900" data-testid="token-value">
        {token.token}
      </code>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(token.token).then(
              () => toast.success("Token copied."),
              () => toast.error("Could not copy: select the token and copy it."),
            )
          }
        >
          Copy token
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

function TokenTable({ items, showOwner }: { items: TokenInfo[]; showOwner: boolean }) {
  const qc = useQueryClient();
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);
  const revoke = useMutation({
    mutationFn: (t: TokenInfo) => apiFetch(`/api/tokens/${encodeURIComponent(t.id)}`, { method: "DELETE" }),
    onSuccess: (_r, t) => {
      toast.success(`Token ${t.name} revoked: it no longer works.`);
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => toast.error(err.message),
  });
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">API tokens</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
            <th scope="col" className="px-2 py-1 font-medium">
              Name
            </th>
            {showOwner && (
              <th scope="col" className="px-2 py-1 font-medium">
                User
              </th>
            )}
            <th scope="col" className="px-2 py-1 font-medium">
              Role
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              Made by
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              Last used
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              Expires
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr key={t.id} className="border-b border-slate-100">
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {t.name}
              </th>
              {showOwner && <td className="px-2 py-1">{t.email}</td>}
              <td className="px-2 py-1">{t.role ? ROLE_LABELS[t.role] : "Its user's role"}</td>
              <td className="px-2 py-1">{t.created_by ?? "–"}</td>
              <td className="px-2 py-1">{t.last_used_at ? <RelativeTime iso={t.last_used_at} past /> : "Never"}</td>
              <td className="px-2 py-1">{t.expires_at ? t.expires_at.slice(0, 10) : "Never"}</td>
              <td className="px-2 py-1 text-right">
                <Button variant="secondary" size="sm" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        busy={revoke.isPending}
        destructive
        title={`Revoke ${revoking?.name ?? "the token"}?`}
        description="Scripts using it are refused from the next request on. This cannot be undone: make a new token instead."
        confirmLabel="Revoke token"
      />
    </div>
  );
}

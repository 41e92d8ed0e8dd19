"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import { QueryProblem } from "@/components/ui/query-problem";
import { RelativeTime } from "@/components/ui/time";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { absoluteUtc } from "@/lib/format";
import { usersQueryOptions, useUserWrites } from "@/lib/queries/users";
import { toast } from "@/components/ui/toast";
import type { UserInfo } from "@/lib/schemas/users";

// The forms load when a dialog opens (one chunk for all four).
const load = () => import("./user-forms");
const AddUserForm = lazyView(() => load().then((m) => m.AddUserForm));
const RoleForm = lazyView(() => load().then((m) => m.RoleForm));
const ResetPasswordForm = lazyView(() => load().then((m) => m.ResetPasswordForm));
const RemoveUserForm = lazyView(() => load().then((m) => m.RemoveUserForm));

type Open = { kind: "add" } | { kind: "role" | "reset" | "remove"; user: UserInfo } | null;
const TITLES = { add: "Add a user", role: "Change role", reset: "Reset password", remove: "Remove user" } as const;

/** The console's users (admins): role, when added, last sign-in, and what an admin can change. */
export function UserList({ currentEmail }: { currentEmail: string }) {
  const query = useQuery(usersQueryOptions());
  const [open, setOpen] = useState<Open>(null);
  const writes = useUserWrites();
  const admins = (query.data?.items ?? []).filter((u) => u.role === "admin").length;
  const columns = useMemo<ColumnDef<UserInfo, unknown>[]>(
    () => [
      {
        id: "email",
        header: "Email",
        cell: ({ row }) => (
          <span className="font-medium">
            {row.original.email}
            {row.original.email === currentEmail && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
          </span>
        ),
      },
      {
        id: "role",
        header: "Role",
        cell: ({ row }) => <Badge tone={row.original.role === "admin" ? "violet" : "gray"}>{ROLE_LABELS[row.original.role]}</Badge>,
      },
      { id: "created_at", header: "Added", cell: ({ row }) => <span className="whitespace-nowrap text-xs">{absoluteUtc(row.original.created_at)}</span> },
      {
        id: "last_sign_in_at",
        header: "Last sign-in",
        cell: ({ row }) =>
          row.original.last_sign_in_at ? <RelativeTime iso={row.original.last_sign_in_at} past /> : <span className="text-slate-500">Never</span>,
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => {
          const u = row.original;
          const lastAdmin = u.role === "admin" && admins <= 1;
          return (
            <span className="flex flex-wrap justify-end gap-1">
              <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "role", user: u })} aria-label={`Role of ${u.email}`} {...preloadOn(RoleForm)}>
                Role
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setOpen({ kind: "reset", user: u })}
                aria-label={`Reset password of ${u.email}`}
                {...preloadOn(ResetPasswordForm)}
              >
                Reset password
              </Button>
              <Button
                size="sm"
                variant="ghost"
                busy={writes.unlock.isPending && writes.unlock.variables === u.id}
                onClick={() =>
                  writes.unlock.mutateAsync(u.id).then(
                    () => toast.success(`Sign-in unlocked for ${u.email}: failed attempts against the account are forgotten.`),
                    (err: Error) => toast.error(err.message),
                  )
                }
                aria-label={`Unlock sign-in of ${u.email}`}
                title="Forget the failed sign-in attempts counted against this account (from every address)"
              >
                Unlock sign-in
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={lastAdmin}
                title={lastAdmin ? "The last admin cannot be removed" : undefined}
                onClick={() => setOpen({ kind: "remove", user: u })}
                aria-label={`Remove ${u.email}`}
                {...preloadOn(RemoveUserForm)}
              >
                Remove
              </Button>
            </span>
          );
        },
      },
    ],
    [admins, currentEmail, writes.unlock],
  );
  const close = () => setOpen(null);
  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <Button onClick={() => setOpen({ kind: "add" })} {...preloadOn(AddUserForm)}>
          Add user
        </Button>
      </div>
      <QueryProblem query={query} what="The users" />
      <DataTable
        label="Users"
        columns={columns}
        data={query.data?.items ?? []}
        getRowId={(u) => String(u.id)}
        loading={query.isPending}
        empty="No users yet."
      />
      <Dialog open={open !== null} onClose={close} title={open ? (open.kind === "add" ? TITLES.add : `${TITLES[open.kind]}: ${open.user.email}`) : ""}>
        {open?.kind === "add" && <AddUserForm onDone={close} />}
        {open?.kind === "role" && <RoleForm user={open.user} lastAdmin={open.user.role === "admin" && admins <= 1} onDone={close} />}
        {open?.kind === "reset" && <ResetPasswordForm user={open.user} onDone={close} />}
        {open?.kind === "remove" && <RemoveUserForm user={open.user} onDone={close} />}
      </Dialog>
    </div>
  );
}

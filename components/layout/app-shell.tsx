import Link from "next/link";
import type { ReactNode } from "react";
import { hasRole, ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { ModeBadge } from "./mode-badge";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export function AppShell({ user, mode, children }: { user: { email: string; role: Role }; mode: "sandbox" | "live"; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-xs text-white">
              OC
            </span>
            Outbound Console
          </Link>
          <ModeBadge mode={mode} />
          <nav aria-label="Main" className="flex gap-1">
            <NavLink href="/">Overview</NavLink>
            <NavLink href="/batches">Batches</NavLink>
            <NavLink href="/campaigns">Campaigns</NavLink>
            <NavLink href="/reports">Reports</NavLink>
            <NavLink href="/compliance">Compliance</NavLink>
            {hasRole(user.role, "admin") && <NavLink href="/users">Users</NavLink>}
            {hasRole(user.role, "manager") && <NavLink href="/audit">Audit</NavLink>}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-right leading-tight">
              <span className="block font-medium text-slate-800" data-testid="current-user">
                {user.email}
              </span>
              <span className="block text-xs text-slate-500" data-testid="current-role">
                {ROLE_LABELS[user.role]}
              </span>
            </span>
            <Link href="/tokens" className="text-sm text-indigo-700 hover:underline">
              API tokens
            </Link>
            <Link href="/account" className="text-sm text-indigo-700 hover:underline">
              Account
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}

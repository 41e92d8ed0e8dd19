import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { ModeBadge } from "@/components/layout/mode-badge";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/server/auth/demo-users";
import { getConfig } from "@/lib/server/env";
import { safeNextPath } from "@/lib/safe-next";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Only same-origin paths: never on to another site after sign-in, whatever the link said.
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getCurrentUser()) redirect(next);
  const { mode, oidc, passwordLogin } = getConfig();
  // Why a single sign-on did not sign the person in (a sentence the console wrote; shown as text).
  const ssoError = typeof params.sso_error === "string" ? params.sso_error.slice(0, 300) : null;
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-2 text-center">
          <h1 className="text-2xl font-semibold">Outbound Console</h1>
          <ModeBadge mode={mode} />
        </div>
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {ssoError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {ssoError}
            </p>
          )}
          {oidc && (
            <a
              href={`/api/auth/oidc/login?next=${encodeURIComponent(next)}`}
              className="block rounded-md bg-indigo-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-indigo-700"
            >
              Sign in with {oidc.name}
            </a>
          )}
          {passwordLogin || !oidc ? (
            <LoginForm next={next} />
          ) : (
            // Password sign-in is off: kept for the break-glass admins made on the command line.
            <details className="text-sm text-slate-600">
              <summary className="cursor-pointer">Break-glass sign-in (admins)</summary>
              <div className="mt-3">
                <LoginForm next={next} />
              </div>
            </details>
          )}
        </div>
        {mode === "sandbox" && (
          <div className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="demo-users">
            <p className="font-medium">Sandbox demo accounts (password “{DEMO_PASSWORD}”)</p>
            <ul className="mt-2 space-y-1 font-mono text-xs">
              {DEMO_USERS.map((u) => (
                <li key={u.email}>
                  {u.email} <span className="text-amber-700">({u.role})</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </main>
  );
}

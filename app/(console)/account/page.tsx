import { PasswordForm } from "@/components/auth/password-form";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Account" };

/** The signed-in person's own account: who they are, and changing their password. */
export default async function AccountPage() {
  const user = await requirePageUser();
  return (
    <div className="max-w-lg space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Account</h1>
        <p className="text-sm text-slate-600">
          Signed in as <strong>{user.email}</strong> ({ROLE_LABELS[user.role]}).
        </p>
      </div>
      <section aria-labelledby="password-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="password-heading" className="text-base font-semibold">
          Change password
        </h2>
        <p className="text-sm text-slate-600">Your other sessions (other browsers and devices) are signed out; this one stays signed in.</p>
        <PasswordForm />
      </section>
    </div>
  );
}

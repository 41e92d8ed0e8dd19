import { ApiTokens } from "@/components/tokens/api-tokens";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requirePageUser("supervisor");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="text-sm text-slate-600">
          Tokens let scripts call the console&apos;s API (<code>Authorization: Bearer oc_…</code>) with at most your role. Each expires; revoke one the moment
          it is not needed.
        </p>
      </div>
      <ApiTokens me={{ email: user.email, role: user.role }} />
    </div>
  );
}

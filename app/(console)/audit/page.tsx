import { redirect } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { hasRole } from "@/lib/schemas/roles";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getStore } from "@/lib/server/store";

export const metadata = { title: "Audit" };

export default async function AuditPage() {
  const user = await getCurrentUser();
  if (!user || !hasRole(user.role, "admin")) redirect("/batches");
  const entries = getStore().audit.list({ limit: 200 });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Audit</h1>
        <p className="text-sm text-slate-600">Every change made through the console, with the person who made it. Newest first.</p>
      </div>
      <AuditTable entries={entries} />
    </div>
  );
}

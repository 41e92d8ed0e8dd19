import { AuditTable } from "@/components/audit/audit-table";
import { auditEntriesFor } from "@/lib/server/dal/audit";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Audit" };

export default async function AuditPage() {
  const user = await requirePageUser("admin");
  const entries = await auditEntriesFor(user, { limit: 200 });
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

import { SuppressionLists } from "@/components/compliance/suppression-lists";
import { requirePageUser } from "@/lib/server/dal/page-user";
import { hasRole } from "@/lib/schemas/roles";

export const metadata = { title: "Compliance" };

export default async function CompliancePage() {
  const user = await requirePageUser("supervisor");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Compliance</h1>
        <p className="text-sm text-slate-600">
          Suppression (do-not-call) lists: numbers on a list are left out of uploads and removed from queued batches of the campaigns it applies to, within a
          minute of being added.
        </p>
      </div>
      <SuppressionLists canWrite={hasRole(user.role, "manager")} />
    </div>
  );
}

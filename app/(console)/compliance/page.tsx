import { SuppressionLists } from "@/components/compliance/suppression-lists";
import { CallingHours } from "@/components/schedule/calling-hours";
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
          When recipients may be called (their local calling hours), and the numbers that must never be called: suppression lists, whose numbers are left out of
          uploads and removed from queued batches of the campaigns they apply to within a minute.
        </p>
      </div>
      <section aria-labelledby="calling-hours-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="calling-hours-heading" className="text-sm font-semibold text-slate-800">
          Calling hours
        </h2>
        <CallingHours isAdmin={hasRole(user.role, "admin")} />
      </section>
      <h2 className="text-lg font-semibold">Suppression lists</h2>
      <SuppressionLists canWrite={hasRole(user.role, "manager")} />
    </div>
  );
}

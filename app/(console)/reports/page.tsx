import { ReportsView } from "@/components/reports/reports-view";
import { METRIC_DEFINITIONS } from "@/lib/domain/report-metrics";
import { requirePageUser } from "@/lib/server/dal/page-user";

export const metadata = { title: "Reports" };

const TERMS = [
  ["Reached", METRIC_DEFINITIONS.reached],
  ["Contact rate", METRIC_DEFINITIONS.contact_rate],
  ["Attempts per request", METRIC_DEFINITIONS.attempts_per_request],
] as const;

export default async function ReportsPage() {
  await requirePageUser("supervisor");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Reports</h1>
        <p className="text-sm text-slate-600">
          How calls went over days: from every batch&apos;s results, kept up to date within a minute. Days and hours are counted in the time zone you choose.
        </p>
        <details className="mt-1 text-sm text-slate-600">
          <summary className="cursor-pointer">What the figures mean</summary>
          <dl className="mt-1 grid gap-x-3 sm:grid-cols-[auto_1fr]">
            {TERMS.map(([term, meaning]) => (
              <div key={term} className="contents">
                <dt className="font-medium">{term}</dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
      <ReportsView />
    </div>
  );
}

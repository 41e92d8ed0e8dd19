"use client";

import { outcomeLabel, sortStatuses, statusColor } from "@/components/batches/status-colors";

type Breakdown = Record<string, { total_count: number; counts?: Record<string, number> | null }>;

/**
 * Channel outcomes within each status (detailed_status_counts) as stacked rows. With `onSelect`,
 * each outcome is a button that filters the results to that status and outcome (pressed: shown
 * as the current filter; pressing it again clears it).
 */
export function OutcomeBreakdown({
  detailed,
  selected,
  onSelect,
}: {
  detailed: Breakdown;
  selected?: { status?: string; channel?: string };
  onSelect?: (status: string | null, outcome: string | null) => void;
}) {
  const statuses = sortStatuses(Object.keys(detailed)).filter((s) => Object.keys(detailed[s]?.counts ?? {}).length > 0);
  if (statuses.length === 0) return <p className="text-sm text-slate-500">No channel outcomes yet.</p>;
  return (
    <dl className="space-y-3">
      {statuses.map((status) => {
        const entry = detailed[status]!;
        const parts = Object.entries(entry.counts ?? {}).sort((a, b) => b[1] - a[1]);
        const total = entry.total_count || parts.reduce((s, [, n]) => s + n, 0);
        return (
          <div key={status} className="space-y-1">
            <dt className="flex items-center justify-between text-xs font-medium text-slate-700">
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: statusColor(status) }} />
                {status}
              </span>
              <span className="text-slate-500">{total.toLocaleString("en-US")}</span>
            </dt>
            <dd>
              <div className="flex h-3 overflow-hidden rounded bg-slate-100" aria-hidden="true">
                {parts.map(([outcome, n]) => (
                  <div
                    key={outcome}
                    title={`${outcomeLabel(outcome)}: ${n}`}
                    style={{ width: `${(n / Math.max(1, total)) * 100}%`, backgroundColor: statusColor(outcome) }}
                  />
                ))}
              </div>
              <ul className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
                {parts.map(([outcome, n]) => {
                  const text = `${outcomeLabel(outcome)}: ${n.toLocaleString("en-US")}`;
                  const pressed = selected?.status === status && selected?.channel === outcome;
                  return (
                    <li key={outcome}>
                      {onSelect ? (
                        <button
                          type="button"
                          aria-pressed={pressed}
                          title={pressed ? "Show all results" : `Show only ${status} requests with ${outcomeLabel(outcome)} in the results`}
                          onClick={() => (pressed ? onSelect(null, null) : onSelect(status, outcome))}
                          className="rounded px-1 underline decoration-dotted underline-offset-2 hover:bg-slate-100 aria-pressed:bg-indigo-50 aria-pressed:font-medium aria-pressed:text-indigo-800"
                        >
                          {text}
                        </button>
                      ) : (
                        text
                      )}
                    </li>
                  );
                })}
              </ul>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

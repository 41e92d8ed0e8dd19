"use client";

// The best time to reach people: contact rate by weekday and hour (in the report's zone) as a
// table whose cells are shaded by the rate and also show it as a number, so it reads without
// colour (dark text on every shade: readable at the darkest). Empty hours stay blank.
import type { OutcomeReport } from "@/lib/schemas/reports";

const DAYS = [
  ["mon", "Mon"],
  ["tue", "Tue"],
  ["wed", "Wed"],
  ["thu", "Thu"],
  ["fri", "Fri"],
  ["sat", "Sat"],
  ["sun", "Sun"],
] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));

export function HourHeatmap({ report }: { report: OutcomeReport }) {
  const byKey = new Map(report.rows.map((r) => [r.key, r]));
  const used = HOURS.filter((h) => DAYS.some(([d]) => byKey.has(`${d}-${h}`)));
  if (!used.length) return <p className="text-sm text-slate-500">Nothing was dialed in this period.</p>;
  return (
    // Focusable: a region that scrolls sideways on a phone must be scrollable from the keyboard.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Contact rate by weekday and hour, scrollable">
      <table className="border-separate border-spacing-0.5 text-xs" aria-label={`Contact rate by weekday and hour (${report.tz})`}>
        <thead>
          <tr>
            <th scope="col" className="px-1 text-left font-medium whitespace-nowrap text-slate-600">
              Day
            </th>
            {used.map((h) => (
              <th key={h} scope="col" className="px-1 font-medium text-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map(([d, label]) => (
            <tr key={d}>
              <th scope="row" className="px-1 text-left font-medium whitespace-nowrap text-slate-600">
                {label}
              </th>
              {used.map((h) => {
                const r = byKey.get(`${d}-${h}`);
                const rate = r?.contact_rate ?? null;
                return (
                  <td
                    key={h}
                    className="h-7 min-w-9 rounded text-center text-slate-900 tabular-nums"
                    style={{ backgroundColor: rate === null ? "#f8fafc" : `rgba(5, 150, 105, ${Math.min(1, 0.1 + rate * 1.2)})` }}
                    title={r ? `${label} ${h}:00: ${r.reached} reached of ${r.attempted} attempted` : undefined}
                  >
                    {rate === null ? "" : `${Math.round(rate * 100)}%`}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

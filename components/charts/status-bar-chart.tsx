"use client";

import { sortStatuses, statusColor } from "@/components/batches/status-colors";

const n = (v: number) => v.toLocaleString("en-US");

/**
 * Round axis steps (1, 2, 5 × 10^k, whole numbers: these are counts) for `max`, about four of
 * them, the last at or past `max` so no bar runs beyond the chart.
 */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? mag * 10);
  const out = [0];
  while (out[out.length - 1]! < max) out.push(out[out.length - 1]! + step);
  return out;
}

/**
 * Request counts per status as horizontal bars in the shared palette, drawn with plain HTML (no
 * charting library in the page's JavaScript). Bars are clickable and show their figure on hover;
 * the legend below (buttons) is the keyboard- and screen-reader-usable way to pick a status.
 */
export function StatusBarChart({
  counts,
  selected,
  onSelect,
}: {
  counts: Record<string, number>;
  selected?: string;
  onSelect?: (status: string | null) => void;
}) {
  const data = sortStatuses(Object.keys(counts)).map((status) => ({ status, count: counts[status] ?? 0 }));
  const total = data.reduce((s, d) => s + d.count, 0);
  const axis = axisTicks(Math.max(0, ...data.map((d) => d.count)));
  const top = axis[axis.length - 1] || 1;
  return (
    <div className="space-y-3">
      {/* The chart repeats the legend below, which is the keyboard- and screen-reader-usable control. */}
      <div aria-hidden="true" className="text-xs" data-testid="status-bars">
        <div className="space-y-1.5">
          {data.map((d) => (
            <div key={d.status} className="grid grid-cols-[6rem_1fr] items-center gap-2">
              <span className="truncate text-right text-slate-600">{d.status}</span>
              <div className="relative h-5" data-testid="status-track">
                <div className="absolute inset-0 flex justify-between">
                  {axis.map((t) => (
                    <span key={t} className="h-full border-l border-dashed border-slate-200" />
                  ))}
                </div>
                <div
                  className={`relative h-full rounded-r ${onSelect ? "cursor-pointer" : ""}`}
                  data-testid="status-bar"
                  style={{
                    width: `${(d.count / top) * 100}%`,
                    minWidth: d.count > 0 ? 2 : 0,
                    backgroundColor: statusColor(d.status),
                    opacity: selected && selected !== d.status ? 0.35 : 1,
                  }}
                  title={`${d.status}: ${n(d.count)}`}
                  onClick={() => onSelect?.(d.status)}
                />
              </div>
            </div>
          ))}
        </div>
        <div className="mt-1 grid grid-cols-[6rem_1fr] gap-2 text-slate-500">
          <span />
          <div className="flex justify-between">
            {axis.map((t) => (
              <span key={t} className="w-0 overflow-visible whitespace-nowrap [&:first-child]:translate-x-0 -translate-x-1/2">
                {n(t)}
              </span>
            ))}
          </div>
        </div>
      </div>
      <ul className="flex flex-wrap gap-2" aria-label="Requests by status">
        {data.map((d) => {
          const pressed = selected === d.status;
          const pct = total ? Math.round((d.count / total) * 1000) / 10 : 0;
          const label = (
            <>
              <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: statusColor(d.status) }} />
              <span className="font-medium">{d.status}</span>
              <span className="text-slate-500">
                {n(d.count)} ({pct}%)
              </span>
            </>
          );
          return (
            <li key={d.status}>
              {onSelect ? (
                <button
                  type="button"
                  aria-pressed={pressed}
                  onClick={() => onSelect(pressed ? null : d.status)}
                  title={pressed ? "Show all statuses in the results" : `Show only ${d.status} in the results`}
                  className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 px-2.5 py-1 text-xs hover:bg-slate-50 aria-pressed:border-indigo-500 aria-pressed:bg-indigo-50"
                >
                  {label}
                </button>
              ) : (
                <span className="inline-flex items-center gap-1.5 px-2.5 py-1 text-xs">{label}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

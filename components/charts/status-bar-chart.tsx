"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { sortStatuses, statusColor } from "@/components/batches/status-colors";

/**
 * Request counts per status as horizontal bars in the shared palette. Bars are clickable; the
 * legend below (buttons) is the keyboard-accessible way to pick a status.
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
  return (
    <div className="space-y-3">
      {/* The chart repeats the legend below, which is the keyboard- and screen-reader-usable control. */}
      <div className="h-56" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 16, right: 16 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => v.toLocaleString("en-US")} />
            <YAxis type="category" dataKey="status" width={96} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => Number(v).toLocaleString("en-US")} />
            <Bar dataKey="count" isAnimationActive={false} cursor={onSelect ? "pointer" : undefined} onClick={(d) => onSelect?.(String((d as { status?: string }).status ?? ""))}>
              {data.map((d) => (
                <Cell key={d.status} fill={statusColor(d.status)} fillOpacity={selected && selected !== d.status ? 0.35 : 1} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
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
                {d.count.toLocaleString("en-US")} ({pct}%)
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

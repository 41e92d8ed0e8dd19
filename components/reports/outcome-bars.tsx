"use client";

// Outcomes by day or hour as stacked bars (plain HTML, like the other charts): each bar is the
// requests attempted in that period, split into reached, voicemail, no answer, busy and the
// rest. Each bar is a button whose name reads its figures; choosing it narrows the view to it.
import type { OutcomeFigures } from "@/lib/schemas/reports";

const n = (v: number) => v.toLocaleString("en-US");

export const SEGMENTS = [
  { key: "reached", label: "Reached", color: "#059669" },
  { key: "voicemail", label: "Voicemail", color: "#d97706" },
  { key: "no_answer", label: "No answer", color: "#64748b" },
  { key: "busy", label: "Busy", color: "#e11d48" },
] as const;
const OTHER = { label: "Other", color: "#cbd5e1" };

type Row = OutcomeFigures & { key: string };

/** `shares`: each bar is its period's mix (100%), so a quiet day reads beside a busy one. */
export function OutcomeBars({ rows, onPick, label, shares = false }: { rows: Row[]; onPick?: (key: string) => void; label: string; shares?: boolean }) {
  const most = Math.max(1, ...rows.map((r) => r.attempted));
  const topOf = (r: Row) => (shares ? Math.max(1, r.attempted) : most);
  if (!rows.length) return <p className="text-sm text-slate-500">Nothing was dialed in this period.</p>;
  return (
    <div className="space-y-2">
      <div role="group" aria-label={label} className="flex h-48 items-end gap-px overflow-x-auto border-b border-slate-300 pb-px">
        {rows.map((r) => {
          const other = Math.max(0, r.attempted - SEGMENTS.reduce((s, g) => s + r[g.key], 0));
          const top = topOf(r);
          const name = `${r.key}: ${n(r.attempted)} attempted, ${SEGMENTS.map((g) => `${n(r[g.key])} ${g.label.toLowerCase()}`).join(", ")}`;
          return (
            <button
              key={r.key}
              type="button"
              aria-label={name}
              title={name}
              onClick={() => onPick?.(r.key)}
              className="flex h-full min-w-3 flex-1 flex-col-reverse focus-visible:outline-2 focus-visible:outline-indigo-600"
              data-testid="outcome-bar"
            >
              {SEGMENTS.map((g) => (
                <span key={g.key} style={{ height: `${(r[g.key] / top) * 100}%`, backgroundColor: g.color }} />
              ))}
              <span style={{ height: `${(other / top) * 100}%`, backgroundColor: OTHER.color }} />
            </button>
          );
        })}
      </div>
      <div className="flex justify-between text-xs text-slate-500" aria-hidden="true">
        <span>{rows[0]!.key}</span>
        {rows.length > 1 && <span>{rows.at(-1)!.key}</span>}
      </div>
      <ul className="flex flex-wrap gap-3 text-xs text-slate-700" aria-label="Legend">
        {[...SEGMENTS, OTHER].map((g) => (
          <li key={g.label} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: g.color }} />
            {g.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

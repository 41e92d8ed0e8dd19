"use client";

import { useState, type MouseEvent } from "react";
import type { SnapshotPoint } from "@/lib/schemas/batches";

const n = (v: number) => v.toLocaleString("en-US");
const fmt = (t: number) => new Date(t).toISOString().slice(5, 16).replace("T", " ");

const SERIES = [
  { key: "dialed", name: "Dialed", color: "#6366f1", dash: undefined },
  { key: "finished", name: "Finished", color: "#10b981", dash: undefined },
  { key: "total", name: "Total", color: "#94a3b8", dash: "4 4" },
] as const;
type Point = { t: number; dialed: number; finished: number; total: number };

/** Round steps (1, 2, 5 × 10^k) up to at least `max`, about four of them. */
function yTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? mag * 10;
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/**
 * Finished and dialed requests over time, from the console's progress snapshots (UTC axis), as a
 * small SVG drawn here (no charting library in the page's JavaScript). Hovering shows the
 * figures of the nearest snapshot; the caption says the same for screen readers.
 */
export function ProgressHistoryChart({ points }: { points: SnapshotPoint[] }) {
  const [hover, setHover] = useState<number | null>(null);
  if (points.length < 2) return <p className="text-sm text-slate-500">The chart fills in as the batch is watched (one point per refresh).</p>;
  const data: Point[] = points.map((p) => ({ t: Date.parse(p.at), finished: p.finished, dialed: p.total - (p.statusCounts.PENDING ?? 0), total: p.total }));
  const t0 = data[0]!.t;
  const t1 = Math.max(data[data.length - 1]!.t, t0 + 1);
  const ys = yTicks(Math.max(...data.map((d) => d.total)));
  const top = ys[ys.length - 1]!;
  const W = 1000;
  const H = 200;
  const x = (t: number) => ((t - t0) / (t1 - t0)) * W;
  const y = (v: number) => H - (v / top) * H;
  const path = (key: (typeof SERIES)[number]["key"], step: boolean) =>
    data
      .map((d, i) => {
        const px = x(d.t).toFixed(1);
        const py = y(d[key]).toFixed(1);
        if (i === 0) return `M${px},${py}`;
        return step ? `H${px}V${py}` : `L${px},${py}`;
      })
      .join("");
  const xs = [0, 1 / 3, 2 / 3, 1].map((f) => t0 + f * (t1 - t0));
  const last = data[data.length - 1]!;
  const shown = hover !== null ? data[hover]! : null;
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const t = t0 + ((e.clientX - box.left) / Math.max(1, box.width)) * (t1 - t0);
    let best = 0;
    for (let i = 1; i < data.length; i++) if (Math.abs(data[i]!.t - t) < Math.abs(data[best]!.t - t)) best = i;
    setHover(best);
  };
  return (
    <figure className="space-y-2">
      <figcaption className="sr-only">
        Progress over time: from {data[0]!.finished} to {last.finished} finished of {last.total}, {last.dialed} dialed.
      </figcaption>
      <div className="grid grid-cols-[3rem_1fr] gap-2 text-xs text-slate-500" aria-hidden="true">
        <div className="relative h-48">
          {ys.map((v) => (
            <span key={v} className="absolute right-0 -translate-y-1/2" style={{ top: `${(y(v) / H) * 100}%` }}>
              {n(v)}
            </span>
          ))}
        </div>
        <div className="relative h-48" onMouseMove={onMove} onMouseLeave={() => setHover(null)} data-testid="progress-history">
          <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-full w-full overflow-visible">
            {ys.map((v) => (
              <line key={v} x1={0} x2={W} y1={y(v)} y2={y(v)} stroke="#e2e8f0" strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />
            ))}
            {SERIES.map((s) => (
              <path
                key={s.key}
                d={path(s.key, s.key === "total")}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dash}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {shown ? <line x1={x(shown.t)} x2={x(shown.t)} y1={0} y2={H} stroke="#64748b" vectorEffect="non-scaling-stroke" /> : null}
          </svg>
          {shown ? (
            <div
              className="pointer-events-none absolute top-1 rounded border border-slate-200 bg-white px-2 py-1 text-slate-700 shadow"
              style={x(shown.t) > W / 2 ? { right: `${100 - (x(shown.t) / W) * 100 + 1}%` } : { left: `${(x(shown.t) / W) * 100 + 1}%` }}
            >
              <p className="font-medium">{fmt(shown.t)} UTC</p>
              {SERIES.map((s) => (
                <p key={s.key} style={{ color: s.color }}>
                  {s.name}: {n(shown[s.key])}
                </p>
              ))}
            </div>
          ) : null}
        </div>
        <span />
        <div className="flex justify-between">
          {xs.map((t) => (
            <span key={t}>{fmt(t)}</span>
          ))}
        </div>
      </div>
      <ul className="flex flex-wrap justify-center gap-4 text-xs text-slate-600" aria-label="Lines">
        {SERIES.map((s) => (
          <li key={s.key} className="inline-flex items-center gap-1.5">
            <svg width="16" height="4" aria-hidden="true">
              <line x1="0" x2="16" y1="2" y2="2" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}

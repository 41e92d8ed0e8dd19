"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SnapshotPoint } from "@/lib/schemas/batches";

/** Finished and dialed requests over time, from the console's progress snapshots (UTC axis). */
export function ProgressHistoryChart({ points }: { points: SnapshotPoint[] }) {
  if (points.length < 2) return <p className="text-sm text-slate-500">The chart fills in as the batch is watched (one point per refresh).</p>;
  const data = points.map((p) => ({
    t: Date.parse(p.at),
    finished: p.finished,
    dialed: p.total - (p.statusCounts.PENDING ?? 0),
    total: p.total,
  }));
  const fmt = (t: number) => new Date(t).toISOString().slice(5, 16).replace("T", " ");
  return (
    <figure className="h-56">
      <figcaption className="sr-only">
        Progress over time: from {data[0]!.finished} to {data[data.length - 1]!.finished} finished of {data[data.length - 1]!.total}.
      </figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={fmt} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toLocaleString("en-US")} />
          <Tooltip labelFormatter={(t) => `${fmt(Number(t))} UTC`} formatter={(v) => Number(v).toLocaleString("en-US")} />
          <Legend />
          <Line type="monotone" dataKey="dialed" name="Dialed" stroke="#6366f1" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="finished" name="Finished" stroke="#10b981" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="total" name="Total" stroke="#94a3b8" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

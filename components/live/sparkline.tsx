/** A tiny inline chart of a series (finished requests over the recent snapshots); static SVG, no library. */
export function Sparkline({ points, label, width = 96, height = 24 }: { points: number[]; label: string; width?: number; height?: number }) {
  if (points.length < 2) return <span className="text-xs text-slate-500">no history yet</span>;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  const step = width / (points.length - 1);
  const d = points.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`).join(" ");
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="text-indigo-600">
      <polyline points={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

"use client";

// What "Split by time zone" did, batch by batch: a link to each batch made or filled, and
// in words what failed (its rows are still in the file: nothing was half-sent).
import Link from "next/link";
import type { SplitOutcome } from "./split-by-zone";

const n = (v: number) => v.toLocaleString("en-US");

export function SplitReport({ outcomes }: { outcomes: SplitOutcome[] }) {
  return (
    <div role="status" className="space-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="split-report">
      <p className="font-medium">Uploaded by time zone:</p>
      <ul className="space-y-1">
        {outcomes.map((o) => (
          <li key={o.batch_id} className={o.ok ? "text-emerald-900" : "text-red-700"}>
            <Link href={`/batches/${encodeURIComponent(o.batch_id)}`} className="underline">
              {o.batch_id}
            </Link>{" "}
            ({o.key.split("&").join(" & ")}, {n(o.rows)} row{o.rows === 1 ? "" : "s"}
            {o.created ? ", new batch" : ""}):{" "}
            {o.ok
              ? `uploaded${o.suppressed ? `, ${n(o.suppressed)} left out as suppressed` : ""}.`
              : `not uploaded: ${o.error} These rows are still in your file; upload them again once fixed.`}
          </li>
        ))}
      </ul>
    </div>
  );
}

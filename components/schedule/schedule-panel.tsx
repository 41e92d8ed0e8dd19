"use client";

// A batch's schedule on its page: held or released now and why, a person's pause beside what the
// schedule would do, the next transitions and a 7-day band of held and released time in the
// viewer's own zone, and where the pending recipients are. Managers edit it here.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import { QueryProblem } from "@/components/ui/query-problem";
import { scheduleQueryOptions } from "@/lib/queries/schedule";
import type { ScheduleView } from "@/lib/schemas/schedule";

const ScheduleForm = lazyView(() => import("./schedule-form").then((m) => m.ScheduleForm), "Loading the schedule form…");

const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const when = (iso: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(
    new Date(iso),
  );

export function SchedulePanel({ batchId, canWrite }: { batchId: string; canWrite: boolean }) {
  const query = useQuery(scheduleQueryOptions(batchId));
  const [editing, setEditing] = useState(false);
  const v = query.data;
  return (
    <div className="space-y-3" data-testid="schedule-panel">
      <QueryProblem query={query} what="The schedule" />
      {!v ? (
        query.isPending && <p className="text-sm text-slate-500">Loading the schedule…</p>
      ) : (
        <>
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="schedule-state">
            <Badge tone={v.state === "released" ? "green" : "amber"}>
              {v.state === "released" ? "Released" : v.reason.startsWith("calling hours") ? "Held by calling hours" : "Held by schedule"}
            </Badge>
            <span>{v.reason}</span>
          </p>
          {v.paused_by_person && (
            <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="paused-by-person">
              Paused by a person: the schedule never releases it.
              {v.next.find((t) => t.state === "released") || v.state === "released"
                ? ` The schedule would release it ${v.state === "released" ? "now" : `at ${when(v.next.find((t) => t.state === "released")!.at)}`}.`
                : ""}
            </p>
          )}
          <Timeline view={v} />
          {v.next.length > 0 && (
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Next</h3>
              <ul className="text-sm" data-testid="schedule-next">
                {v.next.slice(0, 4).map((t) => (
                  <li key={t.at}>
                    {when(t.at)}: <strong>{t.state}</strong> ({t.reason})
                  </li>
                ))}
              </ul>
            </div>
          )}
          <Zones view={v} />
          {canWrite && !editing && (
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)} {...preloadOn(ScheduleForm)}>
              Edit schedule
            </Button>
          )}
          {editing && <ScheduleForm batchId={batchId} view={v} onDone={() => setEditing(false)} />}
        </>
      )}
    </div>
  );
}

/** Held and released bands over the next 7 days, in the viewer's zone, with day marks. */
function Timeline({ view }: { view: ScheduleView }) {
  const start = Date.parse(view.timeline[0]?.from ?? new Date().toISOString());
  const span = 7 * 86_400_000;
  const pct = (ms: number) => `${Math.max(0, Math.min(100, (ms / span) * 100))}%`;
  const released = view.timeline.filter((b) => b.state === "released").reduce((n, b) => n + Date.parse(b.to) - Date.parse(b.from), 0);
  const hours = Math.round(released / 3_600_000);
  return (
    <figure className="space-y-1">
      <div
        className="relative h-5 w-full overflow-hidden rounded bg-amber-100"
        role="img"
        aria-label={`Next 7 days: released for ${hours} hours, held the rest (times in ${viewerZone()})`}
        data-testid="schedule-timeline"
      >
        {view.timeline
          .filter((b) => b.state === "released")
          .map((b) => (
            <span
              key={b.from}
              className="absolute inset-y-0 bg-emerald-500"
              style={{ left: pct(Date.parse(b.from) - start), width: pct(Date.parse(b.to) - Date.parse(b.from)) }}
              title={`Released ${when(b.from)} – ${when(b.to)}`}
            />
          ))}
      </div>
      <figcaption className="flex justify-between text-xs text-slate-500">
        <span>now</span>
        <span>
          <span className="mr-1 inline-block h-2 w-2 rounded-sm bg-emerald-500" aria-hidden /> released {hours} h of the next 7 days ·{" "}
          <span className="mr-1 inline-block h-2 w-2 rounded-sm bg-amber-200" aria-hidden /> held · times in {viewerZone()}
        </span>
        <span>+7 days</span>
      </figcaption>
    </figure>
  );
}

function Zones({ view }: { view: ScheduleView }) {
  if (!view.calling_hours_on)
    return <p className="text-sm text-slate-600">Calling hours are off for this batch{view.schedule.reason ? `: ${view.schedule.reason}` : ""}.</p>;
  if (!view.zones.length) return <p className="text-sm text-slate-600">No pending recipients.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="schedule-zones">
      <caption className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Pending recipients by place</caption>
      <thead>
        <tr className="text-xs text-slate-500">
          <th className="py-1 font-medium">Time zone</th>
          <th className="py-1 font-medium">State</th>
          <th className="py-1 text-right font-medium">Recipients</th>
        </tr>
      </thead>
      <tbody>
        {view.zones.map((g) => (
          <tr key={`${g.zones.join("&")}|${g.state}`} className="border-t border-slate-100">
            <td className="py-1">
              {g.zones.length === 0
                ? "Unknown (default zone)"
                : g.zones.length > 4
                  ? `Not geographic (${g.zones.length} zones: default zone)`
                  : g.zones.join(", ")}
            </td>
            <td className="py-1">{g.state ?? "—"}</td>
            <td className="py-1 text-right tabular-nums">{g.count.toLocaleString("en-US")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

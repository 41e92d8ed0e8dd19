"use client";

import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ALERT_KINDS, ALERT_TITLES, type AlertKind } from "@/lib/domain/alert-rules";
import type { AlertView } from "@/lib/schemas/live";
import { AlertsPanel, ALERT_TONES } from "./alerts-panel";

/** Open alerts per kind, the ones nobody acknowledged yet apart: what the strip says. */
export function alertCounts(alerts: AlertView[]): Array<{ kind: string; title: string; open: number; acked: number }> {
  const kinds = [...ALERT_KINDS, ...new Set(alerts.map((a) => a.kind).filter((k) => !ALERT_KINDS.includes(k as AlertKind)))];
  return kinds
    .map((kind) => {
      const of = alerts.filter((a) => a.kind === kind);
      return { kind, title: ALERT_TITLES[kind as AlertKind] ?? kind, open: of.filter((a) => !a.acked_by).length, acked: of.filter((a) => a.acked_by).length };
    })
    .filter((c) => c.open + c.acked > 0);
}

/**
 * The overview's alerts as one strip of counts ("2 Stalled · 14 Finished, 12 acknowledged") that
 * expands into the list: finished batches no longer push the table down the screen.
 */
export function AlertStrip({ alerts, canAck }: { alerts: AlertView[]; canAck: boolean }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (alerts.length === 0) return null;
  const counts = alertCounts(alerts);
  const waiting = counts.reduce((s, c) => s + c.open, 0);
  return (
    <div className="space-y-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full flex-wrap items-center gap-2 rounded-lg border border-amber-200 bg-white px-3 py-2 text-left text-sm hover:bg-amber-50"
        data-testid="alert-strip"
      >
        <span className="font-semibold">
          Alerts: {waiting} waiting{alerts.length > waiting ? `, ${alerts.length - waiting} acknowledged` : ""}
        </span>
        {counts.map((c) => (
          <Badge key={c.kind} tone={c.open ? (ALERT_TONES[c.kind] ?? "amber") : "gray"}>
            {c.open ? `${c.open} ${c.title}` : `${c.acked} ${c.title}, acknowledged`}
          </Badge>
        ))}
        <span className="ml-auto text-xs font-medium text-indigo-700">{open ? "Hide alerts" : "Show alerts"}</span>
      </button>
      <div id={listId} hidden={!open}>
        {open ? <AlertsPanel alerts={[...alerts].sort((a, b) => Number(!!a.acked_by) - Number(!!b.acked_by) || b.id - a.id)} canAck={canAck} /> : null}
      </div>
    </div>
  );
}

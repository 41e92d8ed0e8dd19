"use client";
// Rows and alerts pushed by /api/live/events, written into the cached overview (rows re-sorted
// by attention); see useVisibleEventSource for when the stream is open.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { sortByAttention, type OverviewRow } from "@/lib/domain/overview";
import type { AlertView, LiveOverviewResponse } from "@/lib/schemas/live";
import { announceAlert } from "./alert-notifications";
import { liveKeys } from "./live";
import { useVisibleEventSource } from "./visible-event-source";

/**
 * Subscribes to the overview's events while the tab is visible (or always, when it announces new
 * alerts). `onMessage` hears every message, ticks included (a wall screen's "last update").
 */
export function useLiveOverviewEvents(params: Record<string, string>, opts: { notify?: boolean; onMessage?: () => void } = {}): { connected: boolean } {
  const qc = useQueryClient();
  const router = useRouter();
  const key = liveKeys.overview(params);
  const patch = (fn: (old: LiveOverviewResponse) => LiveOverviewResponse) => qc.setQueryData<LiveOverviewResponse>(key, (old) => (old ? fn(old) : old));
  const rows = (fn: (rows: OverviewRow[]) => OverviewRow[]) => patch((old) => ({ ...old, batches: sortByAttention(fn(old.batches)) }));
  return useVisibleEventSource(
    `/api/live/events?${new URLSearchParams(params)}`,
    {
      tick: () => opts.onMessage?.(),
      batch: (data) => {
        opts.onMessage?.();
        const row = JSON.parse(data) as OverviewRow;
        rows((all) => [...all.filter((r) => r.batch_id !== row.batch_id), row]);
      },
      gone: (data) => {
        opts.onMessage?.();
        const { batch_id } = JSON.parse(data) as { batch_id: string };
        rows((all) => all.filter((r) => r.batch_id !== batch_id));
      },
      alert: (data) => {
        opts.onMessage?.();
        const { change, alert } = JSON.parse(data) as { change: string; alert: AlertView };
        if (change === "opened" && opts.notify) announceAlert(alert, (href) => router.push(href));
        patch((old) => ({
          ...old,
          alerts: change === "resolved" ? old.alerts.filter((a) => a.id !== alert.id) : [alert, ...old.alerts.filter((a) => a.id !== alert.id)],
        }));
      },
      "signed-out": (_, close) => {
        close();
        void qc.invalidateQueries({ queryKey: ["live"] });
      },
    },
    { whileHidden: opts.notify },
  );
}

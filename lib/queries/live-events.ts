"use client";
// Rows pushed by /api/live/events, written into the cached overview (re-sorted by attention).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { sortByAttention, type OverviewRow } from "@/lib/domain/overview";
import type { AlertView, LiveOverviewResponse } from "@/lib/schemas/live";
import { liveKeys } from "./live";

/** Subscribes to the overview's events while the tab is visible. */
export function useLiveOverviewEvents(params: Record<string, string>): { connected: boolean } {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const key = JSON.stringify(params);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const p = JSON.parse(key) as Record<string, string>;
    let source: EventSource | null = null;
    const update = (fn: (rows: OverviewRow[]) => OverviewRow[]) =>
      qc.setQueryData<LiveOverviewResponse>(liveKeys.overview(p), (old) => (old ? { ...old, batches: sortByAttention(fn(old.batches)) } : old));
    const close = () => {
      source?.close();
      source = null;
      setConnected(false);
    };
    const open = () => {
      if (source || document.visibilityState !== "visible") return;
      const es = new EventSource(`/api/live/events?${new URLSearchParams(p)}`);
      source = es;
      es.addEventListener("open", () => setConnected(true));
      es.addEventListener("batch", (e) => {
        const row = JSON.parse((e as MessageEvent<string>).data) as OverviewRow;
        update((rows) => [...rows.filter((r) => r.batch_id !== row.batch_id), row]);
      });
      es.addEventListener("alert", (e) => {
        const { change, alert } = JSON.parse((e as MessageEvent<string>).data) as { change: string; alert: AlertView };
        qc.setQueryData<LiveOverviewResponse>(liveKeys.overview(p), (old) =>
          old ? { ...old, alerts: change === "resolved" ? old.alerts.filter((a) => a.id !== alert.id) : [alert, ...old.alerts.filter((a) => a.id !== alert.id)] } : old,
        );
      });
      es.addEventListener("gone", (e) => {
        const { batch_id } = JSON.parse((e as MessageEvent<string>).data) as { batch_id: string };
        update((rows) => rows.filter((r) => r.batch_id !== batch_id));
      });
      es.addEventListener("signed-out", () => {
        close();
        void qc.invalidateQueries({ queryKey: ["live"] });
      });
      es.addEventListener("error", () => setConnected(es.readyState === EventSource.OPEN));
    };
    const onVisibility = () => (document.visibilityState === "visible" ? open() : close());
    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, [key, qc]);
  return { connected };
}

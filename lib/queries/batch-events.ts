"use client";
// Pushed batch states: one EventSource per open batch page writes every `batch` event the live
// engine sends into the React Query cache (the same JSON as GET /api/batches/{id}), so the page
// updates without polling. The stream is closed while the tab is hidden (nothing to show) and
// reopened when it is visible again; while it is not open, the query's polling takes over.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { alertKeys } from "./alerts";
import { batchKeys } from "./batches";

/** Subscribes to a batch's events while the tab is visible; `connected` says whether pushes arrive. */
export function useBatchEvents(batchId: string): { connected: boolean } {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    const close = () => {
      source?.close();
      source = null;
      setConnected(false);
    };
    const open = () => {
      if (source || document.visibilityState !== "visible") return;
      const es = new EventSource(`/api/batches/${encodeURIComponent(batchId)}/events`);
      source = es;
      es.addEventListener("open", () => setConnected(true));
      es.addEventListener("batch", (e) => {
        qc.setQueryData<BatchDetailResponse>(batchKeys.detail(batchId), JSON.parse((e as MessageEvent<string>).data) as BatchDetailResponse);
        setConnected(true);
      });
      // One of its alerts opened, resolved or was acknowledged: re-read the batch's alerts.
      es.addEventListener("alert", () => void qc.invalidateQueries({ queryKey: alertKeys.forBatch(batchId) }));
      // Deleted meanwhile: let the query find out (its 404 shows "Batch not found").
      es.addEventListener("gone", () => {
        close();
        void qc.invalidateQueries({ queryKey: batchKeys.detail(batchId) });
      });
      // The session ended: stop; the next request of the page sends the person to sign in.
      es.addEventListener("signed-out", () => {
        close();
        void qc.invalidateQueries({ queryKey: batchKeys.detail(batchId) });
      });
      // The browser reconnects by itself (with Last-Event-ID); until then polling covers.
      es.addEventListener("error", () => setConnected(es.readyState === EventSource.OPEN));
    };
    const onVisibility = () => (document.visibilityState === "visible" ? open() : close());
    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, [batchId, qc]);
  return { connected };
}

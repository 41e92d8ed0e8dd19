"use client";
// Pushed batch states: every `batch` event the live engine sends for an open batch page goes into
// the React Query cache (the same JSON as GET /api/batches/{id}), so the page updates without
// polling; see useVisibleEventSource for when the stream is open.
import { useQueryClient } from "@tanstack/react-query";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { alertKeys } from "./alerts";
import { batchKeys } from "./batches";
import { useVisibleEventSource } from "./visible-event-source";

/** Subscribes to a batch's events while the tab is visible; `connected` says whether pushes arrive. */
export function useBatchEvents(batchId: string): { connected: boolean } {
  const qc = useQueryClient();
  const refetchDetail = () => void qc.invalidateQueries({ queryKey: batchKeys.detail(batchId) });
  return useVisibleEventSource(`/api/batches/${encodeURIComponent(batchId)}/events`, {
    batch: (data) => qc.setQueryData<BatchDetailResponse>(batchKeys.detail(batchId), JSON.parse(data) as BatchDetailResponse),
    // One of its alerts opened, resolved or was acknowledged: re-read the batch's alerts.
    alert: () => void qc.invalidateQueries({ queryKey: alertKeys.forBatch(batchId) }),
    // Deleted meanwhile: the query finds out (its 404 shows "Batch not found").
    gone: (_, close) => {
      close();
      refetchDetail();
    },
    // The session ended: the page's next request sends the person to sign in.
    "signed-out": (_, close) => {
      close();
      refetchDetail();
    },
  });
}

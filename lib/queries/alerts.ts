import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { AlertView } from "@/lib/schemas/live";
import { apiFetch } from "./api-fetch";
import { recoveringInterval } from "./query-client";

export const alertKeys = {
  all: ["alerts"] as const,
  forBatch: (batchId: string) => ["alerts", "batch", batchId] as const,
};

/** A batch's open alerts (the batch page); its event stream invalidates this when one changes. */
export function batchAlertsQueryOptions(batchId: string) {
  return queryOptions({
    queryKey: alertKeys.forBatch(batchId),
    queryFn: ({ signal }) => apiFetch<{ items: AlertView[] }>(`/api/alerts?state=open&batch_id=${encodeURIComponent(batchId)}`, { signal }),
    refetchInterval: recoveringInterval(60_000),
  });
}

/** Acknowledge an alert (manager+, audited); the answer is the alert as stored. */
export function useAckAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<AlertView>(`/api/alerts/${id}/ack`, { method: "POST", json: {} }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: alertKeys.all });
      void qc.invalidateQueries({ queryKey: ["live"] });
    },
  });
}

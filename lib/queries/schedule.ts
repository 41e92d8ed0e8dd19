// A batch's schedule and the calling-hours policy in the browser.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { SchedulePut, ScheduleView } from "@/lib/schemas/schedule";
import { apiFetch } from "./api-fetch";
import { batchKeys } from "./batches";

export const scheduleKeys = { batch: (id: string) => ["schedule", id] as const, callingHours: ["calling-hours"] as const };

export function scheduleQueryOptions(batchId: string) {
  return queryOptions({
    queryKey: scheduleKeys.batch(batchId),
    queryFn: ({ signal }) => apiFetch<ScheduleView>(`/api/batches/${encodeURIComponent(batchId)}/schedule`, { signal }),
    // The state follows the clock: asked again every 15 s (the scheduler ticks every 5).
    refetchInterval: 15_000,
  });
}

export function useScheduleWrite(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SchedulePut) => apiFetch<ScheduleView>(`/api/batches/${encodeURIComponent(batchId)}/schedule`, { method: "PUT", json: body }),
    onSuccess: (view) => {
      qc.setQueryData(scheduleKeys.batch(batchId), view);
      void qc.invalidateQueries({ queryKey: batchKeys.detail(batchId) });
    },
  });
}

export type CallingHoursView = import("@/lib/schemas/schedule").CallingHoursInput & { updated_by: string | null; updated_at: string | null };

export function callingHoursQueryOptions() {
  return queryOptions({ queryKey: scheduleKeys.callingHours, queryFn: ({ signal }) => apiFetch<CallingHoursView>("/api/calling-hours", { signal }) });
}

export function useCallingHoursWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: import("@/lib/schemas/schedule").CallingHoursInput) => apiFetch<CallingHoursView>("/api/calling-hours", { method: "PUT", json: body }),
    onSuccess: (view) => {
      qc.setQueryData(scheduleKeys.callingHours, view);
      void qc.invalidateQueries({ queryKey: ["schedule"] });
    },
  });
}

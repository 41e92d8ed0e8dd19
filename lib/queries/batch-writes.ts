// Batch writes as hooks, each refreshing exactly what it changes: a pause, expiry or rate change
// alters the batch (detail, list rows) but never its results, so a paused 100k batch is not
// re-downloaded; an upload, an added or removed request changes the results too.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type {
  AddRequestResponse,
  BatchDelete,
  BatchDetailResponse,
  BatchPatch,
  BulkResponse,
  RemoveRequestsResponse,
  UploadResponse,
} from "@/lib/schemas/batches";
import { apiFetch } from "./api-fetch";
import { batchKeys, uploadBatchCsv } from "./batches";

const enc = encodeURIComponent;

/** What a write touched: the batch itself always; its results only when requests changed. */
export function applyBatchWrite(qc: QueryClient, batchId: string, batch: BatchDetailResponse | undefined, opts: { results: boolean }): void {
  if (batch) qc.setQueryData(batchKeys.detail(batchId), batch);
  else qc.removeQueries({ queryKey: batchKeys.detail(batchId) });
  if (opts.results) void qc.invalidateQueries({ queryKey: batchKeys.results(batchId) });
  void qc.invalidateQueries({ queryKey: batchKeys.lists() });
}

/** PATCH: paused, expires_on, call_rate, auto_call_rate. Results stay as they are. */
export function usePatchBatch(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: BatchPatch) => apiFetch<BatchDetailResponse>(`/api/batches/${enc(batchId)}`, { method: "PATCH", json: patch }),
    onSuccess: (b) => applyBatchWrite(qc, batchId, b, { results: false }),
  });
}

/** DELETE with a reason: the batch and its results are gone. */
export function useDeleteBatch(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: BatchDelete) => apiFetch<{ deleted: true }>(`/api/batches/${enc(batchId)}`, { method: "DELETE", json: v }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: batchKeys.results(batchId) });
      applyBatchWrite(qc, batchId, undefined, { results: false });
    },
  });
}

/** One request added. */
export function useAddRequest(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { reference_id: string; target: string; request_variables: Record<string, string> }) =>
      apiFetch<AddRequestResponse>(`/api/batches/${enc(batchId)}/requests`, { method: "POST", json: input }),
    onSuccess: (res) => applyBatchWrite(qc, batchId, res.batch, { results: true }),
  });
}

/** Requests removed (those not dialed yet). */
export function useRemoveRequests(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      apiFetch<RemoveRequestsResponse>(`/api/batches/${enc(batchId)}/requests/remove`, { method: "POST", json: { reference_ids: ids } }),
    onSuccess: (res) => applyBatchWrite(qc, batchId, res.batch, { results: true }),
  });
}

/** A CSV uploaded, with upload progress. */
export function useUploadBatchCsv(batchId: string, onProgress: (fraction: number) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadBatchCsv<UploadResponse>(batchId, file, onProgress),
    onSuccess: (res) => applyBatchWrite(qc, batchId, res.batch, { results: true }),
  });
}

/** Pause, resume or set the expiry of several batches: each batch's outcome comes back. */
/** After a write to many batches: each batch that changed, and the lists. */
function invalidateChanged(qc: QueryClient, res: BulkResponse): void {
  for (const r of res.results) if (r.ok) void qc.invalidateQueries({ queryKey: batchKeys.detail(r.batch_id) });
  void qc.invalidateQueries({ queryKey: batchKeys.lists() });
}

export function useBulkBatches() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { action: "pause" | "resume" | "expire"; batch_ids: string[]; expires_on?: string; reason?: string }) =>
      apiFetch<BulkResponse>("/api/batches/bulk", { method: "POST", json: input }),
    onSuccess: (res) => invalidateChanged(qc, res),
  });
}

/** Stop campaign (hold every running batch) or resume it (release those holds), with a reason. */
export function useCampaignHold(campaignId: number, which: "stop" | "resume") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => apiFetch<BulkResponse>(`/api/campaigns/${campaignId}/${which}`, { method: "POST", json: { reason } }),
    onSuccess: (res) => invalidateChanged(qc, res),
  });
}

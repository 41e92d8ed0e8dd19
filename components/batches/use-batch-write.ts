"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { batchKeys } from "@/lib/queries/batches";
import type { BatchDetailResponse } from "@/lib/schemas/batches";

/** After a write: show the batch as read back by the handler, refresh its results and the lists. */
export function useAfterBatchWrite(batchId: string) {
  const qc = useQueryClient();
  return useCallback(
    (batch?: BatchDetailResponse) => {
      if (batch) qc.setQueryData(batchKeys.detail(batchId), batch);
      else void qc.invalidateQueries({ queryKey: batchKeys.detail(batchId) });
      void qc.invalidateQueries({ queryKey: batchKeys.results(batchId) });
      void qc.invalidateQueries({ queryKey: batchKeys.lists() });
    },
    [qc, batchId],
  );
}

"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertsPanel } from "@/components/live/alerts-panel";
import { batchAlertsQueryOptions } from "@/lib/queries/alerts";
import { useEffect, useRef } from "react";
import { StaleBanner } from "@/components/ui/query-problem";
import { batchKeys } from "@/lib/queries/batches";
import type { LiveStatus } from "@/lib/schemas/batches";

/** The live engine could not refresh the batch: what is shown is its last good state. */
export function EngineStaleBanner({ live }: { live: LiveStatus }) {
  return <StaleBanner updatedAt={Date.parse(live.fetched_at)} reason={`${live.reason ?? "Syllable is not answering."} The console keeps trying by itself.`} />;
}

/**
 * Keeps the visible results page in step with the batch: when its counts change, the results
 * are read again, at most once per `refreshMs` (RESULTS_REFRESH_S: a 100k batch is ~50 MB upstream; the last change is caught up when the
 * wait is over), so rows stop saying PENDING long after the progress card says finished.
 */
export function useResultsFollowProgress(batchId: string, counts: Record<string, number> | null | undefined, refreshMs: number): void {
  const qc = useQueryClient();
  const key = counts ? JSON.stringify(counts) : "";
  const seen = useRef<string | null>(null);
  const lastRefresh = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!key) return;
    if (seen.current === null) {
      // The first counts are what the results were loaded with.
      seen.current = key;
      lastRefresh.current = Date.now();
      return;
    }
    if (key === seen.current) return;
    seen.current = key;
    const refresh = () => {
      timer.current = null;
      lastRefresh.current = Date.now();
      void qc.invalidateQueries({ queryKey: batchKeys.results(batchId) });
    };
    const wait = lastRefresh.current + refreshMs - Date.now();
    if (wait <= 0) refresh();
    else timer.current ??= setTimeout(refresh, wait);
  }, [key, batchId, qc, refreshMs]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
}

/** The batch's open alerts (kept current by its event stream). */
export function BatchAlerts({ batchId, canAck }: { batchId: string; canAck: boolean }) {
  const q = useQuery(batchAlertsQueryOptions(batchId));
  return <AlertsPanel alerts={q.data?.items ?? []} canAck={canAck} showBatch={false} />;
}

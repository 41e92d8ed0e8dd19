"use client";

import { RECOVERY_MS } from "@/lib/queries/query-client";
import { UpdatedAgo } from "@/components/ui/time";
import { ErrorState } from "./states";

/** A table's empty-state text while its data failed to load: no "No batches yet." under an error. */
export const NOT_LOADED = "Not loaded: see the message above.";

type FailingQuery = { isError: boolean; error: Error | null; data: unknown; dataUpdatedAt: number; isFetching: boolean; refetch: () => unknown };

/**
 * What a page says when its data cannot be refreshed. With data from before: keep showing it,
 * with a banner saying how old it is and why. Without: the error alone (never above an
 * empty-state sentence). Either way it says it retries by itself (see RECOVERY_MS).
 */
export function QueryProblem({ query, what }: { query: FailingQuery; what: string }) {
  if (!query.isError || !query.error) return null;
  const retrying = `Trying again every ${RECOVERY_MS / 1000} s.`;
  if (query.data === undefined) {
    return <ErrorState message={`${what} could not be loaded. ${query.error.message} ${retrying}`} onRetry={() => query.refetch()} />;
  }
  return (
    <StaleBanner updatedAt={query.dataUpdatedAt} reason={`${query.error.message} ${retrying}`} onRetry={() => query.refetch()} retrying={query.isFetching} />
  );
}

/** "Not up to date": the data shown is from `updatedAt`, and why; optionally a "Try now". */
export function StaleBanner({ updatedAt, reason, onRetry, retrying }: { updatedAt: number; reason: string; onRetry?: () => void; retrying?: boolean }) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="stale-banner"
    >
      <span>
        <strong>Not up to date.</strong> Showing the last data we have (<UpdatedAgo at={updatedAt} />
        ). {reason}
      </span>
      {onRetry ? (
        <button type="button" className="font-medium underline" onClick={onRetry} disabled={retrying}>
          {retrying ? "Trying…" : "Try now"}
        </button>
      ) : null}
    </div>
  );
}

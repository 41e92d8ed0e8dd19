"use client";

import { Button } from "@/components/ui/button";
import type { BulkResult } from "@/lib/schemas/batches";
import { UpstreamText } from "@/components/ui/upstream-text";

/** "3 batches paused; 1 skipped (already finished); 1 could not be changed": the sentence for a toast. */
export function bulkSummary(results: BulkResult[], verb: string): string {
  if (results.length === 0) return `No batches to ${verb}.`;
  const ok = results.filter((r) => r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  const failed = results.length - ok - skipped;
  const done = ok === results.length ? `${ok} ${ok === 1 ? "batch" : "batches"} ${verb}d.` : `${ok} of ${results.length} batches ${verb}d`;
  if (ok === results.length) return done;
  const rest = [skipped ? `${skipped} skipped: already finished, nothing to ${verb}` : "", failed ? `${failed} could not be changed` : ""].filter(Boolean);
  return `${done}; ${rest.join("; ")}.`;
}

/** Each batch's outcome of a bulk action (nothing silently skipped), or `empty` when no batch was touched; then Done. */
export function BulkResults({ results, verb, empty, onDone }: { results: BulkResult[]; verb: string; empty?: string; onDone: () => void }) {
  const failed = results.filter((r) => !r.ok).length;
  return (
    <div className="space-y-4">
      {results.length === 0 && empty ? (
        <p role="status" className="text-sm">
          {empty}
        </p>
      ) : (
        <BulkResultList results={results} verb={verb} failed={failed} />
      )}
      <div className="flex justify-end">
        <Button onClick={onDone} autoFocus>
          Done
        </Button>
      </div>
    </div>
  );
}

function BulkResultList({ results, verb, failed }: { results: BulkResult[]; verb: string; failed: number }) {
  return (
    <div className="space-y-2" data-testid="bulk-results">
      <p role="status" className={failed ? "text-sm font-medium text-amber-800" : "text-sm font-medium text-emerald-800"}>
        {bulkSummary(results, verb)}
      </p>
      {results.length > 0 && (
        <ul className="max-h-60 space-y-1 overflow-auto text-sm">
          {results.map((r) => (
            <li key={r.batch_id} className="flex gap-2">
              <span aria-hidden="true" className={r.ok ? "text-emerald-700" : r.skipped ? "text-slate-500" : "text-red-700"}>
                {r.ok ? "✓" : r.skipped ? "–" : "✗"}
              </span>
              <span className="min-w-0">
                <span className="font-mono text-xs">
                  <UpstreamText value={r.batch_id} compact />
                </span>
                <span className="sr-only">{r.ok ? ": done" : r.skipped ? ": skipped" : ": not changed"}</span>
                {r.error && <span className={r.skipped ? "block text-xs text-slate-600" : "block text-xs text-red-700"}>{r.error}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

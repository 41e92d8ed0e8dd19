import type { AlertView } from "@/lib/schemas/live";
import type { Alert } from "@/lib/server/store";

/** The store's alert in the API's words. */
export function alertView(a: Alert): AlertView {
  return {
    id: a.id,
    batch_id: a.batchId,
    kind: a.kind,
    message: a.message,
    opened_at: a.openedAt,
    resolved_at: a.resolvedAt,
    acked_by: a.ackedBy,
    acked_at: a.ackedAt,
  };
}

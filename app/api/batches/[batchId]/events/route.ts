import { stillSignedIn } from "@/lib/server/auth/still-signed-in";
import { getConfig } from "@/lib/server/env";
import { withRole } from "@/lib/server/auth/with-role";
import { getLiveEngine } from "@/lib/server/live";
import { eventStream, streamOwner, resumedVersion } from "@/lib/server/live/event-stream";
import { onAlert } from "@/lib/server/live/alerts";
import { alertView } from "@/lib/server/live/alert-view";

/**
 * Server-Sent Events of one batch: `event: batch` with the same JSON as GET /api/batches/{id}
 * whenever the live engine has a new state (including "stale since"), `event: alert` when one of
 * its alerts opens, resolves or is acknowledged, `event: gone` when it was deleted, `event: signed-out` when the session ends. Resumes with Last-Event-ID.
 */
export const GET = withRole("GET /api/batches/[batchId]/events", async ({ req, user, params }) => {
  const engine = getLiveEngine();
  // Unknown batch or Syllable failing with nothing known yet: an error in the contract's shape, not a stream.
  await engine.current(params.batchId);
  const after = resumedVersion(req.headers.get("last-event-id"));
  return eventStream({
    name: "batch",
    signal: req.signal,
    allowed: () => stillSignedIn(user, "supervisor"),
    owner: streamOwner(user),
    maxPerUser: getConfig().streamsPerUser,
    start: (send, close) => {
      // The page's alert list may predate this stream: tell it to read them again now.
      send({ event: "alert", data: { change: "snapshot" } });
      const stopAlerts = onAlert((a) => a.alert.batchId === params.batchId && send({ event: "alert", data: { change: a.change, alert: alertView(a.alert) } }));
      const stopBatch = engine.subscribe(params.batchId, (e) => {
        if ("gone" in e) {
          send({ event: "gone", version: e.id, data: { batch_id: params.batchId } });
          close();
        } else if (after === null || e.id > after) {
          send({ event: "batch", version: e.id, data: e.batch });
        }
      });
      return () => {
        stopAlerts();
        stopBatch();
      };
    },
  });
});

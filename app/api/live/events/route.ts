import { overviewRow } from "@/lib/domain/overview";
import { stillSignedIn } from "@/lib/server/auth/still-signed-in";
import { getConfig } from "@/lib/server/env";
import { withRole } from "@/lib/server/auth/with-role";
import { getLiveEngine } from "@/lib/server/live";
import { ensureDiscovered } from "@/lib/server/live/discovery";
import { eventStream, streamOwner } from "@/lib/server/live/event-stream";
import { matches } from "@/lib/server/live/overview";
import { onAlert } from "@/lib/server/live/alerts";
import { alertView } from "@/lib/server/live/alert-view";
import { alertsFor } from "@/lib/server/dal/live";

/**
 * Server-Sent Events of the overview: `event: batch` with a batch's overview row whenever the
 * live engine has a new state of a followed batch (same row as in GET /api/live), `event: gone`
 * when one disappears, `event: alert` ({change, alert}) when an alert opens, resolves or is
 * acknowledged, `event: tick` ({at}) every few seconds so a wall screen knows it is still
 * connected when nothing moves, `event: signed-out` when the session ends. Start from GET /api/live.
 */
const TICK_MS = 5_000;

export const GET = withRole("GET /api/live/events", async ({ req, query: q, user }) => {
  await ensureDiscovered();
  const engine = getLiveEngine();
  // An alert opened between the client's GET /api/live and this stream would otherwise be missed.
  const { items: openAlerts } = await alertsFor(user, { state: "open", limit: 100 });
  return eventStream({
    name: "live",
    signal: req.signal,
    allowed: () => stillSignedIn(user, "supervisor"),
    owner: streamOwner(user),
    maxPerUser: getConfig().streamsPerUser,
    start: (send) => {
      for (const alert of openAlerts.reverse()) send({ event: "alert", data: { change: "opened", alert } });
      const stopAlerts = onAlert((a) => send({ event: "alert", data: { change: a.change, alert: alertView(a.alert) } }));
      const stopBatches = engine.subscribeAll((batchId, e) => {
        if ("gone" in e) {
          send({ event: "gone", data: { batch_id: batchId } });
          return;
        }
        // Only batches the overview lists (active or paused), not every page someone has open.
        if (!engine.isTracked(batchId)) return;
        const row = overviewRow(e.batch);
        if (matches(row, q)) send({ event: "batch", data: row });
      });
      const tick = setInterval(() => send({ event: "tick", data: { at: new Date().toISOString() } }), TICK_MS);
      return () => {
        clearInterval(tick);
        stopAlerts();
        stopBatches();
      };
    },
  });
});

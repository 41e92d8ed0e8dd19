import "server-only";
// Alerts: the rules (lib/domain/alert-rules) run on every state the live engine reads; an alert
// opens once per batch and kind (the store's unique index keeps it single), resolves when its
// condition clears ("finished" stays until acknowledged), reaches open event streams at once and,
// when configured, ALERT_WEBHOOK_URL as a Slack-compatible POST.
import { EventEmitter } from "node:events";
import { ALERT_KINDS, ALERT_TITLES, changedMaterially, firingAlerts } from "@/lib/domain/alert-rules";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { getConfig } from "@/lib/server/env";
import { getStore, type Alert } from "@/lib/server/store";
import { processSingleton } from "@/lib/process-singletons";

export type AlertEvent = { change: "opened" | "resolved" | "acknowledged"; alert: Alert };

const ALERTS_CHANNEL = "alerts";
// This process's listeners (its open event streams), fed by the store's event bus: alert changes
// made by any instance (only the instance reading a batch evaluates its rules) reach all of them.
const bus = () =>
  processSingleton("alert-bus", () => {
    const local = new EventEmitter();
    local.setMaxListeners(0); // one listener per open event stream
    getStore().events.subscribe(ALERTS_CHANNEL, (e) => local.emit("alert", e));
    return local;
  });

/** Listens to every alert change in this process; returns the unsubscribe. */
export function onAlert(listener: (e: AlertEvent) => void): () => void {
  bus().on("alert", listener);
  return () => bus().off("alert", listener);
}

/** Tells every instance's event streams; a new alert also goes to the webhook, once (from here). */
export function announce(e: AlertEvent): void {
  bus();
  getStore()
    .events.publish(ALERTS_CHANNEL, e)
    .catch((err: unknown) => console.error("Could not announce an alert:", err instanceof Error ? err.message : err));
  if (e.change === "opened") void deliver(e.alert);
}

/**
 * Opens and resolves `batchId`'s alerts for its new state (upstream time from the state). While
 * Syllable does not answer (a stale state), only "unreachable" is raised; the others stay as
 * they were until fresh figures say otherwise.
 */
export async function evaluateAlerts(batchId: string, state: BatchDetailResponse): Promise<void> {
  const cfg = getConfig();
  const now = Date.parse(state.upstream_now ?? state.progress.computed_at);
  const stale = !!state.live?.stale_since;
  const firing = firingAlerts(state, now, { failureShare: cfg.alertFailureShare });
  const store = getStore().alerts;
  const at = new Date().toISOString();
  // The batch's recent alerts, newest first: the open ones and the last of each kind.
  const recent = await store.list({ batchId, limit: 50 });
  for (const kind of ALERT_KINDS) {
    const f = firing.find((a) => a.kind === kind);
    if (f) {
      const open = recent.find((a) => a.kind === kind && a.resolvedAt === null);
      if (open) {
        // Acknowledged, but the figure moved by more than 20%: someone should look again.
        if (!open.ackedAt || !changedMaterially(open.figure, f.figure)) continue;
        const resolved = await store.resolve(batchId, kind, at);
        if (resolved) announce({ change: "resolved", alert: resolved });
      }
      // A condition that flapped off and on again with about the same figure keeps its acknowledgement.
      const last = open ? undefined : recent.find((a) => a.kind === kind);
      const carry =
        last?.ackedBy && f.figure !== undefined && last.figure !== null && !changedMaterially(last.figure, f.figure) ? { by: last.ackedBy, at } : undefined;
      const opened = await store.open({ batchId, kind, message: f.message, at, figure: f.figure ?? null, acked: carry });
      if (opened) announce({ change: carry ? "acknowledged" : "opened", alert: opened });
    } else if (kind !== "finished" && (kind === "unreachable" || !stale)) {
      const resolved = await store.resolve(batchId, kind, at);
      if (resolved) announce({ change: "resolved", alert: resolved });
    }
  }
}

/** POSTs a new alert to ALERT_WEBHOOK_URL ({text}, as Slack incoming webhooks take it); failures are logged only. */
async function deliver(alert: Alert): Promise<void> {
  const url = getConfig().alertWebhookUrl;
  if (!url) return;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: `${ALERT_TITLES[alert.kind as keyof typeof ALERT_TITLES] ?? alert.kind}: batch ${alert.batchId}. ${alert.message}` }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) console.error(`Alert webhook answered HTTP ${res.status}`);
  } catch (err) {
    console.error("Alert webhook failed:", err instanceof Error ? err.message : err);
  }
}

import "server-only";
// Alerts: the rules (lib/domain/alert-rules) run on every state the live engine reads; an alert
// opens once per batch and kind (the store's unique index keeps it single), resolves when its
// condition clears ("finished" stays until acknowledged), reaches open event streams at once and,
// when configured, ALERT_WEBHOOK_URL as a Slack-compatible POST.
import { EventEmitter } from "node:events";
import { ALERT_KINDS, firingAlerts } from "@/lib/domain/alert-rules";
import type { BatchDetailResponse } from "@/lib/schemas/batches";
import { getConfig } from "@/lib/server/env";
import { getStore, type Alert } from "@/lib/server/store";

export type AlertEvent = { change: "opened" | "resolved" | "acknowledged"; alert: Alert };

const g = globalThis as { __alertBus?: EventEmitter };
const bus = () => {
  if (!g.__alertBus) {
    g.__alertBus = new EventEmitter();
    g.__alertBus.setMaxListeners(0); // one listener per open event stream
  }
  return g.__alertBus;
};

/** Listens to every alert change in this process; returns the unsubscribe. */
export function onAlert(listener: (e: AlertEvent) => void): () => void {
  bus().on("alert", listener);
  return () => bus().off("alert", listener);
}

export function announce(e: AlertEvent): void {
  bus().emit("alert", e);
  if (e.change === "opened") void deliver(e.alert);
}

/** Opens and resolves `batchId`'s alerts for its new state (upstream time from the state). */
export async function evaluateAlerts(batchId: string, state: BatchDetailResponse): Promise<void> {
  const cfg = getConfig();
  const now = Date.parse(state.upstream_now ?? state.progress.computed_at);
  const firing = firingAlerts(state, now, { stallMinutes: cfg.alertStallMinutes, failureShare: cfg.alertFailureShare });
  const store = getStore().alerts;
  const at = new Date().toISOString();
  for (const kind of ALERT_KINDS) {
    const f = firing.find((a) => a.kind === kind);
    if (f) {
      const opened = await store.open({ batchId, kind, message: f.message, at });
      if (opened) announce({ change: "opened", alert: opened });
    } else if (kind !== "finished") {
      const resolved = await store.resolve(batchId, kind, at);
      if (resolved) announce({ change: "resolved", alert: resolved });
    }
  }
}

const TITLES: Record<string, string> = {
  stalled: "Batch stalled",
  failure_spike: "Failure spike",
  will_not_finish: "Won't finish before expiry",
  finished: "Batch finished",
};

/** POSTs a new alert to ALERT_WEBHOOK_URL ({text}, as Slack incoming webhooks take it); failures are logged only. */
async function deliver(alert: Alert): Promise<void> {
  const url = getConfig().alertWebhookUrl;
  if (!url) return;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: `${TITLES[alert.kind] ?? alert.kind}: batch ${alert.batchId}. ${alert.message}` }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) console.error(`Alert webhook answered HTTP ${res.status}`);
  } catch (err) {
    console.error("Alert webhook failed:", err instanceof Error ? err.message : err);
  }
}

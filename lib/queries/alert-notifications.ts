"use client";
// Browser notifications for new alerts, when the person asks for them (never by default). The
// choice is kept in this browser (localStorage); the permission is the browser's. Every alert
// is announced once per browser (the overview stream replays open alerts at each connection,
// and several tabs may be open: a notification's tag makes the system show one per alert).
import { useCallback, useSyncExternalStore } from "react";
import { ALERT_TITLES, type AlertKind } from "@/lib/domain/alert-rules";
import type { AlertView } from "@/lib/schemas/live";

const CHOICE_KEY = "outbound.alert-notifications";
const SEEN_KEY = "outbound.alert-notifications.seen";
const SEEN_MAX = 500;

export type NotificationState = "unsupported" | "off" | "on" | "blocked";

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

function read(): NotificationState {
  if (typeof window === "undefined" || typeof Notification === "undefined") return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return localStorage.getItem(CHOICE_KEY) === "on" && Notification.permission === "granted" ? "on" : "off";
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** Whether new alerts are announced in this browser, and the switch for it. */
export function useAlertNotifications(): { state: NotificationState; enable: () => Promise<NotificationState>; disable: () => void } {
  const state = useSyncExternalStore(subscribe, read, () => "unsupported" as const);
  const enable = useCallback(async () => {
    if (typeof Notification === "undefined") return "unsupported" as const;
    const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    if (permission === "granted") localStorage.setItem(CHOICE_KEY, "on");
    changed();
    return read();
  }, []);
  const disable = useCallback(() => {
    localStorage.removeItem(CHOICE_KEY);
    changed();
  }, []);
  return { state, enable, disable };
}

function seenIds(): number[] {
  try {
    const v = JSON.parse(localStorage.getItem(SEEN_KEY) ?? "[]") as unknown;
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : [];
  } catch {
    return [];
  }
}

/** Announces an alert that just opened (once per browser), when notifications are on; a click opens its batch. */
export function announceAlert(alert: AlertView, open: (href: string) => void): void {
  if (read() !== "on" || alert.resolved_at) return;
  const seen = seenIds();
  if (seen.includes(alert.id)) return;
  localStorage.setItem(SEEN_KEY, JSON.stringify([...seen, alert.id].slice(-SEEN_MAX)));
  const n = new Notification(`${ALERT_TITLES[alert.kind as AlertKind] ?? "Alert"}: ${alert.batch_id}`, { body: alert.message, tag: `alert-${alert.id}` });
  n.onclick = () => {
    window.focus();
    open(`/batches/${encodeURIComponent(alert.batch_id)}`);
  };
}

/** Alerts already open when notifications are switched on are not news: remember them as seen. */
export function markAlertsSeen(alerts: AlertView[]): void {
  if (typeof window === "undefined") return;
  const seen = new Set(seenIds());
  for (const a of alerts) seen.add(a.id);
  localStorage.setItem(SEEN_KEY, JSON.stringify([...seen].slice(-SEEN_MAX)));
}

import type { BadgeTone } from "@/components/ui/badge";

// One palette for request statuses, used by every chart, legend, badge and filter chip so a
// status has the same colour everywhere. Unknown statuses get a stable colour from a hash.
export const REQUEST_STATUS_COLORS: Record<string, string> = {
  PENDING: "#94a3b8",
  QUEUEING: "#a5b4fc",
  INITIATED: "#6366f1",
  CONNECTED: "#0ea5e9",
  COMPLETED: "#10b981",
  FAILED: "#ef4444",
  DUPLICATE: "#f59e0b",
  INVALID: "#b45309",
  SKIPPED: "#a855f7",
  CANCELED: "#64748b",
  UNSUBSCRIBED: "#ec4899",
};

// Carrier-level outcomes inside a status: good ones green/teal, "no one there" ones amber/orange,
// real failures red, so a red bar always means something went wrong.
const CHANNEL_OUTCOME_COLORS: Record<string, string> = {
  HUMAN: "#059669",
  DELIVERED: "#059669",
  OPENED: "#0d9488",
  CLICKED: "#0d9488",
  SENT: "#14b8a6",
  ACCEPTED: "#14b8a6",
  QUEUED: "#a5b4fc",
  SENDING: "#818cf8",
  "IN-PROGRESS": "#6366f1",
  "NO-ANSWER": "#f59e0b",
  BUSY: "#f97316",
  MACHINE: "#8b5cf6",
  DECLINED: "#fb7185",
  UNDELIVERED: "#dc2626",
  DELIVERY_FAILED: "#dc2626",
  UNEXPECTED_ERROR: "#b91c1c",
  FILTERED_LINE_TYPE: "#a855f7",
  // Connected, but the carrier reported nothing conclusive (Syllable, 2026-08): neutral, never red.
  NO_OUTCOME: "#a3a3a3",
};

// Outcomes whose raw code reads poorly; every other value is shown as Syllable sends it.
const OUTCOME_LABELS: Record<string, string> = {
  NO_OUTCOME: "No outcome",
};

/** How a channel outcome is named on screen (the raw code when it reads well enough). */
export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome.toUpperCase()] ?? outcome;
}

// No reds here: an unknown value should not look like a failure.
const EXTRA = ["#14b8a6", "#84cc16", "#8b5cf6", "#06b6d4", "#a3a3a3", "#d946ef"];

/** The colour of a request status (or channel outcome), stable for unknown values. */
export function statusColor(status: string): string {
  const known = REQUEST_STATUS_COLORS[status.toUpperCase()] ?? CHANNEL_OUTCOME_COLORS[status.toUpperCase()];
  if (known) return known;
  let h = 0;
  for (const ch of status) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length]!;
}

/** Display order: pipeline order first, unknown ones after, alphabetically. */
export function sortStatuses(statuses: string[]): string[] {
  const order = Object.keys(REQUEST_STATUS_COLORS);
  return [...statuses].sort((a, b) => {
    const ia = order.indexOf(a.toUpperCase());
    const ib = order.indexOf(b.toUpperCase());
    return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.localeCompare(b);
  });
}

const BATCH_TONES: Record<string, BadgeTone> = {
  ACTIVE: "green",
  PENDING: "gray",
  PAUSED: "amber",
  FAILED: "red",
  CANCELED: "gray",
  EXPIRED: "violet",
  COMPLETED: "blue",
  IDLE: "gray",
};

/** Badge tone of a batch status (unknown → gray). */
export function batchStatusTone(status: string | null | undefined): BadgeTone {
  return BATCH_TONES[(status ?? "").toUpperCase()] ?? "gray";
}

// What a campaign edit changed, field by field, for the audit log (pure).
import type { Campaign } from "@/lib/schemas/syllable";
import { webhookSummary } from "./webhook-merge";

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * Before and after of each changed field, as stored before the write and as read back after it.
 * Webhooks are summarised (method, URL, triggers, whether a secret is set); a replaced secret
 * reads "secret changed". Secrets themselves never reach this function: responses do not hold them.
 */
export function fieldChanges(before: Campaign, after: Campaign, changed: string[], secretReplacedIds: ReadonlySet<number> = new Set()): FieldChanges {
  const out: FieldChanges = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const field of changed) {
    if (field === "webhooks") {
      out.webhooks = {
        before: (before.webhooks ?? []).map((w) => webhookSummary(w)),
        after: (after.webhooks ?? []).map((w) => webhookSummary(w, secretReplacedIds.has(w.id))),
      };
    } else {
      out[field] = { before: b[field] ?? null, after: a[field] ?? null };
    }
  }
  return out;
}

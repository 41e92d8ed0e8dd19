// Pure merge logic behind the safe campaign write (no I/O; unit-tested in campaign-merge.test.ts).
//
// Syllable's campaign PUT is a FULL replacement: whatever is not sent is reset (webhooks to [],
// a webhook secret whose key is left out is deleted, target filters to null...). So an edit is
// always: take the complete current campaign, turn it into its input form, lay only the changed
// fields over it, send all of it, and compare the read-back with what we meant to store.
import { END_AFTER_START, normaliseTime, PATCHABLE_FIELDS, type CampaignPatch } from "@/lib/schemas/campaigns";
import type { Campaign, CampaignInput } from "@/lib/schemas/syllable";
import { mergeWebhooks, webhookToInput, webhooksApplied } from "./webhook-merge";

export { webhookToInput };

/** Response-only fields: sending them back would be meaningless (or refused). */
const RESPONSE_ONLY = new Set(["id", "created_at", "updated_at", "last_updated_by", "agent_id", "webhooks"]);
/** Input fields that are not nullable upstream: a null here is left out so the field keeps its default instead of failing with 422. */
const NOT_NULLABLE = new Set(["hourly_rate", "retry_count", "include_unknown_line_types"]);
/** Fields that change on every write, so they say nothing about lost data. */
const VOLATILE = new Set(["updated_at", "last_updated_by"]);
const TIME_FIELDS = new Set(["daily_start_time", "daily_end_time"]);

/** The full PUT body that re-stores `current` unchanged: every field (known or not) carried over. */
export function toCampaignInput(current: Campaign): CampaignInput {
  const copy = structuredClone(current) as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(copy)) {
    if (RESPONSE_ONLY.has(key) || value === undefined) continue;
    if (value === null && NOT_NULLABLE.has(key)) continue;
    input[key] = value;
  }
  return {
    ...input,
    campaign_name: current.campaign_name,
    campaign_variables: { ...(current.campaign_variables ?? {}) },
    // The input takes caller_id as a string; some responses carry it as a number.
    caller_id: current.caller_id == null ? null : String(current.caller_id),
    active_days: [...(current.active_days ?? [])],
    webhooks: (current.webhooks ?? []).map(webhookToInput),
  };
}

type PatchFields = Omit<CampaignPatch, "expected_updated_at">;

/** A value in the form Syllable stores it, for comparisons (times as HH:MM:SS, caller id as a string). */
function normalised(field: string, value: unknown): unknown {
  if (value === undefined) return null;
  if (TIME_FIELDS.has(field) && typeof value === "string") return normaliseTime(value) ?? value;
  if (field === "caller_id" && typeof value === "number") return String(value);
  return value;
}

/** JSON with sorted object keys, so key order never counts as a difference. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v === undefined
        ? null
        : v,
  );
}

export function sameValue(field: string, a: unknown, b: unknown): boolean {
  return stableJson(normalised(field, a)) === stableJson(normalised(field, b));
}

export type MergeResult = {
  /** The full PUT body. */
  input: CampaignInput;
  /** Patch fields whose value really differs from the current campaign. */
  changed: string[];
  /** Field errors only visible after merging (e.g. a new end time before the stored start time). */
  errors: Record<string, string>;
};

/**
 * Lays the patch over the full current campaign. voicemail_detection: null turns it off; an
 * object is merged INTO the stored one so keys the console does not know survive.
 */
export function mergePatch(current: Campaign, patch: PatchFields): MergeResult {
  const input = toCampaignInput(current) as Record<string, unknown>;
  const changed: string[] = [];
  const errors: Record<string, string> = {};
  for (const field of PATCHABLE_FIELDS) {
    let value: unknown = patch[field];
    if (value === undefined) continue;
    if (field === "webhooks" && patch.webhooks) {
      // Compared without secrets (see webhook-merge.ts): the input form holds none to compare.
      const merged = mergeWebhooks(current.webhooks ?? [], patch.webhooks);
      Object.assign(errors, merged.errors);
      if (merged.changed) changed.push(field);
      input.webhooks = merged.input;
      continue;
    }
    if (TIME_FIELDS.has(field)) value = normaliseTime(value as string) ?? value;
    if (field === "voicemail_detection" && value !== null) {
      value = { ...(current.voicemail_detection ?? {}), ...(value as Record<string, unknown>) };
    }
    if (!sameValue(field, input[field], value)) changed.push(field);
    input[field] = value;
  }
  const start = normaliseTime(input.daily_start_time as string | null | undefined);
  const end = normaliseTime(input.daily_end_time as string | null | undefined);
  if (start && end && end === start) {
    errors[patch.daily_end_time !== undefined || patch.daily_start_time === undefined ? "daily_end_time" : "daily_start_time"] = END_AFTER_START;
  }
  return { input: input as CampaignInput, changed, errors };
}

/** A short, secret-free description of a value for messages. */
function preview(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.join(", ") || "none";
  if (typeof value === "object") return "changed";
  const s = String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Top-level fields that differ between two versions of a campaign (webhooks compared without secrets, which responses never hold). */
export function changedBetween(before: Campaign, after: Campaign): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !VOLATILE.has(k) && !sameValue(k, (before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k])).sort();
}

/**
 * Field messages for a 409. With the version the editor loaded (`base`), names exactly what
 * changed meanwhile; without it (e.g. after a restart), names the patched fields whose stored
 * value is no longer what the editor saw... which we cannot know, so: the ones that differ from
 * what they are sending.
 */
export function conflictFields(base: Campaign | undefined, current: Campaign, patch: PatchFields): Record<string, string> {
  const fields: Record<string, string> = {};
  const cur = current as Record<string, unknown>;
  if (base) {
    for (const k of changedBetween(base, current)) fields[k] = `Changed by someone else since you opened it (now: ${preview(cur[k])}).`;
    return fields;
  }
  for (const f of PATCHABLE_FIELDS) {
    if (patch[f] !== undefined && !sameValue(f, cur[f], patch[f])) fields[f] = `May have been changed by someone else (now: ${preview(cur[f])}).`;
  }
  return fields;
}

/**
 * What did not stick: a changed field whose read-back differs from what was sent, or a field
 * we carried over (webhooks, secrets' keys, filters, unknown keys...) that is gone or different.
 */
export function findNotApplied(before: Campaign, sent: CampaignInput, changed: string[], after: Campaign): string[] {
  const out: string[] = [];
  const sentRec = sent as Record<string, unknown>;
  const afterRec = after as Record<string, unknown>;
  const beforeRec = before as Record<string, unknown>;
  for (const f of changed) {
    if (f === "webhooks") {
      if (!webhooksApplied(before.webhooks ?? [], sent.webhooks ?? [], after.webhooks ?? [])) out.push(f);
    } else if (f === "voicemail_detection" && sentRec[f] && afterRec[f]) {
      // Syllable may add keys of its own; what matters is that each key we sent is stored.
      const want = sentRec[f] as Record<string, unknown>;
      const got = afterRec[f] as Record<string, unknown>;
      if (Object.keys(want).some((k) => !sameValue(k, want[k], got[k]))) out.push(f);
    } else if (!sameValue(f, sentRec[f], afterRec[f])) out.push(f);
  }
  const keys = new Set(Object.keys(before));
  for (const k of keys) {
    if (VOLATILE.has(k) || changed.includes(k)) continue;
    if (!sameValue(k, beforeRec[k], afterRec[k])) out.push(k);
  }
  return out;
}

import "server-only";
import type { CampaignPatch, CampaignUpdateResponse } from "@/lib/schemas/campaigns";
import type { Campaign } from "@/lib/schemas/syllable";
import { ApiError, isApiError } from "@/lib/server/errors";
import type { SyllableClient } from "@/lib/server/syllable";
import { changedBetween, conflictFields, findNotApplied, mergePatch, sameValue } from "@/lib/domain/campaign-merge";
import { fieldChanges, type FieldChanges } from "@/lib/domain/campaign-changes";
import { campaignAt, rememberCampaigns } from "./campaign-versions";

/** A 409 that also carries the current campaign, so the editor can show it or overwrite it. */
export class CampaignConflictError extends ApiError {
  constructor(
    fields: Record<string, string>,
    readonly current: Campaign,
  ) {
    super(
      "conflict",
      "Someone else changed this campaign since you opened it, in the same fields as you. Keep their values or overwrite them with yours; the rest of your changes stay in the form.",
      fields,
    );
  }
}

/** A 409 from the safe write, from any bundle's copy of the class (see isApiError). */
export function isCampaignConflict(err: unknown): err is CampaignConflictError {
  return isApiError(err) && err.code === "conflict" && "current" in err;
}

/**
 * The safe campaign write. Syllable has no conditional PUT, so:
 * 1. read the full campaign; 409 if it is not the version the editor loaded;
 * 2. merge only the changed fields onto it (everything else carried over, secrets kept);
 * 3. read it AGAIN right before the PUT: if another writer changed it in the meantime, merge
 *    onto their version instead (their change survives) or, when they changed a field this edit
 *    also changes, answer 409 with both;
 * 4. PUT, read back, and report: `not_applied` = changes Syllable did not keep; `overwritten` =
 *    changes another writer replaced right after ours (both values, so the editor can re-apply);
 *    `kept_theirs` = fields another writer changed during the save, kept as they set them.
 *
 * What remains: a write landing between step 3's read and our PUT is replaced without a trace
 * (Syllable's answers carry nothing that could tell). See README "Concurrent edits".
 */
/** The answer, plus before/after of each changed field for the audit log (not sent to the browser). */
export type SafeUpdateResult = CampaignUpdateResponse & { changes: FieldChanges };

export async function safeUpdateCampaign(client: SyllableClient, id: number, patch: CampaignPatch): Promise<SafeUpdateResult> {
  const { expected_updated_at, ...fields } = patch; // `reason` rides along unread: the merge only reads PATCHABLE_FIELDS
  const current = await client.getCampaign(id);
  // Changed since the editor opened it: merge per field against the version it opened. Fields
  // only they changed keep their value (reported in kept_theirs); only a field both changed, to
  // different values, is a conflict. Without that version (never seen here) we cannot tell: 409.
  let theirs: string[] = [];
  if ((current.updated_at ?? "") !== expected_updated_at) {
    const opened = await campaignAt(id, expected_updated_at);
    await rememberCampaigns(current);
    if (!opened) throw new CampaignConflictError(conflictFields(undefined, current, fields), current);
    theirs = changedBetween(opened, current);
    const clash = clashingFields(opened, current, fields);
    if (clash.length) throw new CampaignConflictError(clashMessages(conflictFields(opened, current, fields), clash), current);
  }
  await rememberCampaigns(current);
  const first = mergePatch(current, fields);
  if (Object.keys(first.errors).length) throw new ApiError("validation_failed", "Some fields need fixing.", first.errors);
  if (first.changed.length === 0) return { campaign: current, changed: [], not_applied: [], overwritten: [], kept_theirs: theirs, changes: {} };

  // Step 3: the read right before the PUT.
  const fresh = await client.getCampaign(id);
  let base = current;
  let kept_theirs = theirs;
  if ((fresh.updated_at ?? "") !== (current.updated_at ?? "")) {
    await rememberCampaigns(fresh);
    kept_theirs = [...new Set([...theirs, ...changedBetween(current, fresh)])].sort();
    const clash = kept_theirs.filter((f) => first.changed.includes(f));
    if (clash.length) throw new CampaignConflictError(conflictFields(current, fresh, fields), fresh);
    base = fresh;
  }
  const { input, changed, errors } = base === current ? first : mergePatch(base, fields);
  if (Object.keys(errors).length) throw new ApiError("validation_failed", "Some fields need fixing.", errors);

  const written = await client.replaceCampaign(id, input);
  const after = await client.getCampaign(id);
  await rememberCampaigns(after);
  // A different updated_at in the read-back than in our PUT's answer: someone wrote after us.
  const writtenAfterUs = !!written.updated_at && !!after.updated_at && written.updated_at !== after.updated_at;
  const lost = findNotApplied(base, input, changed, after);
  const replaced = new Set((fields.webhooks ?? []).flatMap((w) => (w.id !== undefined && w.hmac_secret?.action === "replace" ? [w.id] : [])));
  const changes = fieldChanges(base, after, changed, replaced);
  if (!writtenAfterUs) return { campaign: after, changed, not_applied: lost, overwritten: [], kept_theirs, changes };
  const sent = input as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return {
    campaign: after,
    changed,
    not_applied: [],
    // Only the user's own changes count as overwritten; other fields the later writer set are theirs to set.
    overwritten: lost.filter((f) => changed.includes(f)).map((field) => ({ field, yours: shown(field, sent[field]), theirs: shown(field, now[field]) })),
    kept_theirs,
    changes,
  };
}

/** The fields both this edit and another writer changed since `opened`, to different values. */
function clashingFields(opened: Campaign, current: Campaign, fields: Omit<CampaignPatch, "expected_updated_at">): string[] {
  const theirs = new Set(changedBetween(opened, current));
  const mine = mergePatch(opened, fields);
  const cur = current as Record<string, unknown>;
  const yours = mine.input as Record<string, unknown>;
  // Both set the same value: nothing to choose between. Webhooks clash with any change of theirs:
  // their secrets are write-only, so a secret someone replaced meanwhile cannot be seen to compare.
  return mine.changed.filter((f) => (f === "webhooks" ? theirs.size > 0 : theirs.has(f) && !sameValue(f, cur[f], yours[f])));
}

/** The 409's field messages for the clashing fields only (webhooks: why they count as changed). */
function clashMessages(all: Record<string, string>, clash: string[]): Record<string, string> {
  return Object.fromEntries(
    clash.map((k) => [
      k,
      all[k] ?? "Someone else changed this campaign meanwhile, and webhook secrets cannot be compared: save the webhooks again on the current version.",
    ]),
  );
}

/** Webhooks may hold secrets: a report names them as changed, never their content. */
function shown(field: string, value: unknown): unknown {
  return field === "webhooks" ? "(not shown)" : (value ?? null);
}

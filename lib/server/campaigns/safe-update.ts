import "server-only";
import type { CampaignPatch, CampaignUpdateResponse } from "@/lib/schemas/campaigns";
import type { Campaign } from "@/lib/schemas/syllable";
import { ApiError, isApiError } from "@/lib/server/errors";
import type { SyllableClient } from "@/lib/server/syllable";
import { conflictFields, findNotApplied, mergePatch } from "@/lib/domain/campaign-merge";
import { campaignAt, rememberCampaigns } from "./campaign-versions";

/** A 409 that also carries the current campaign, so the editor can show it or overwrite it. */
export class CampaignConflictError extends ApiError {
  constructor(
    fields: Record<string, string>,
    readonly current: Campaign,
  ) {
    super(
      "conflict",
      "Someone else changed this campaign since you opened it. Reload to see their version, or overwrite it with yours.",
      fields,
    );
  }
}

/** A 409 from the safe write, from any bundle's copy of the class (see isApiError). */
export function isCampaignConflict(err: unknown): err is CampaignConflictError {
  return isApiError(err) && err.code === "conflict" && "current" in err;
}

/**
 * The safe campaign write: fetch the full current campaign, refuse with 409 if it is not the
 * version the editor loaded, merge only the changed fields onto it (everything else carried
 * over, secrets kept), PUT it, read it back and report what did not stick.
 *
 * There is still a window between our GET and PUT in which another writer can slip in: Syllable
 * has no conditional PUT. The read-back makes such a loss visible instead of silent.
 */
export async function safeUpdateCampaign(client: SyllableClient, id: number, patch: CampaignPatch): Promise<CampaignUpdateResponse> {
  const { expected_updated_at, ...fields } = patch;
  const current = await client.getCampaign(id);
  if ((current.updated_at ?? "") !== expected_updated_at) {
    const base = await campaignAt(id, expected_updated_at);
    await rememberCampaigns(current);
    throw new CampaignConflictError(conflictFields(base, current, fields), current);
  }
  await rememberCampaigns(current);
  const { input, changed, errors } = mergePatch(current, fields);
  if (Object.keys(errors).length) throw new ApiError("validation_failed", "Some fields need fixing.", errors);
  if (changed.length === 0) return { campaign: current, changed, not_applied: [] };

  await client.replaceCampaign(id, input);
  const after = await client.getCampaign(id);
  await rememberCampaigns(after);
  return { campaign: after, changed, not_applied: findNotApplied(current, input, changed, after) };
}

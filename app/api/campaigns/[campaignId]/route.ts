import { ADMIN_ONLY_FIELDS, campaignDeleteBodySchema, campaignPatchSchema, PATCHABLE_FIELDS } from "@/lib/schemas/campaigns";
import { FIELD_LABELS } from "@/lib/schemas/campaign-labels";
import { hasRole } from "@/lib/schemas/roles";
import { audited, latestConsoleChange } from "@/lib/server/audit";
import { json, withRole } from "@/lib/server/auth/with-role";
import { isCampaignConflict, safeUpdateCampaign } from "@/lib/server/campaigns/safe-update";
import { deleteCampaignChecked, parseCampaignId } from "@/lib/server/campaigns/service";
import { campaignDetailFor } from "@/lib/server/dal/campaigns";
import { ApiError, validationError } from "@/lib/server/errors";
import { readJson } from "@/lib/server/http/body";
import { getSyllable } from "@/lib/server/syllable";

/** GET: {campaign, batch_counts} (batch_counts null when the batch list is unavailable). */
export const GET = withRole("GET /api/campaigns/[campaignId]", async ({ params, user }) => {
  const id = parseCampaignId(params.campaignId);
  return json(await campaignDetailFor(user, id));
});

/**
 * PATCH: the changed fields + expected_updated_at (+ an optional reason; see lib/schemas/campaigns.ts).
 * Answers {campaign, changed, not_applied, ...}; 409 {error, current} when the campaign changed
 * meanwhile. Voicemail detection, webhooks and targeting need the admin role, whatever else the
 * body holds. The audit entry records the reason and each changed field's before and after.
 */
export const PATCH = withRole("PATCH /api/campaigns/[campaignId]", async ({ req, user, params }) => {
  const id = parseCampaignId(params.campaignId);
  const raw = await readJson(req);
  // Checked before validation: a manager learns nothing about admin-only fields, valid or not.
  const adminOnly = raw && typeof raw === "object" ? ADMIN_ONLY_FIELDS.filter((f) => f in raw) : [];
  if (adminOnly.length && !hasRole(user.role, "admin")) {
    throw new ApiError("forbidden", `Only an admin can change ${adminOnly.map((f) => FIELD_LABELS[f]!.toLowerCase()).join(", ")}.`);
  }
  const parsed = campaignPatchSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const patch = parsed.data;
  const fields = PATCHABLE_FIELDS.filter((f) => patch[f] !== undefined);
  const detail = patch.reason ? { fields, reason: patch.reason } : { fields };
  try {
    const { changes, ...result } = await audited(
      user,
      "campaign.update",
      `campaign:${id}`,
      detail,
      () => safeUpdateCampaign(getSyllable(), id, patch),
      (r) => ({
        changes: r.changes,
        ...(r.not_applied.length ? { not_applied: r.not_applied } : {}),
      }),
    );
    void changes; // recorded in the audit entry; not part of the answer
    return json({ ...result, console_change: await latestConsoleChange(`campaign:${id}`) });
  } catch (err) {
    if (isCampaignConflict(err)) {
      // The contract's error object, plus the current campaign so the editor can reload or overwrite.
      return json({ error: { code: err.code, message: err.message, fields: err.fields }, current: err.current }, { status: 409 });
    }
    throw err;
  }
});

/**
 * DELETE (admin), with a required reason in the JSON body `{"reason": "..."}`. With active
 * batches it answers 409 unless confirmed by `?force=true` or `"confirm_active_batches": true`.
 */
export const DELETE = withRole("DELETE /api/campaigns/[campaignId]", async ({ req, query, user, params }) => {
  const id = parseCampaignId(params.campaignId);
  const parsed = campaignDeleteBodySchema.safeParse((await readJson(req, { optional: true })) ?? {});
  if (!parsed.success) throw validationError(parsed.error, "Give a reason for deleting the campaign (at least 3 characters).");
  const { reason, confirm_active_batches } = parsed.data;
  const confirmed = query.force === "true" || confirm_active_batches === true;
  const result = await audited(user, "campaign.delete", `campaign:${id}`, { reason, confirmed_active_batches: confirmed }, () =>
    deleteCampaignChecked(getSyllable(), id, confirmed),
  );
  return json(result);
});

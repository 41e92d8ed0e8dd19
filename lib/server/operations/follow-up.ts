import "server-only";
// A follow-up batch by outcome (Syllable has no operation for it): the source's results through
// the page's filter, less the contacts not worth calling again, become a CSV that fills a new
// batch created on hold. Two writes, each audited; if the second fails for certain, the first is
// undone, so no empty follow-up is left behind.
import { followUpCsv, planFollowUp } from "@/lib/domain/follow-up";
import type { FollowUpInput, FollowUpResponse } from "@/lib/schemas/batches";
import { audited } from "@/lib/server/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { ApiError, isApiError } from "@/lib/server/errors";
import { getSyllable } from "@/lib/server/syllable";
import { writeMayHaveApplied } from "@/lib/server/syllable/http";
import { idInUseAsField, invalidateBatch } from "@/lib/server/batches/service";
import { selectedResults } from "@/lib/server/results/service";
import { loadBatchDetail, refreshBatch } from "@/lib/server/live/batch-detail";

/** Builds the follow-up of `sourceId` (or, with `dryRun`, only counts what it would hold). */
export async function createFollowUp(user: SessionUser, sourceId: string, input: FollowUpInput, opts: { dryRun: boolean }): Promise<FollowUpResponse> {
  const source = await loadBatchDetail(sourceId); // 404 for an unknown source
  const filter = { status: input.status, channel_status: input.channel_status, insights_status: input.insights_status, q: input.q };
  const plan = planFollowUp(await selectedResults(sourceId, {}), filter);
  const counts = { matched: plan.matched, added: plan.rows.length, excluded: plan.excluded as Record<string, number> };
  if (opts.dryRun) return { batch: null, ...counts };

  if (input.batch_id === sourceId) throw new ApiError("validation_failed", "The follow-up needs an id of its own.", { batch_id: "Not the source's own id" });
  if (plan.rows.length === 0)
    throw new ApiError("validation_failed", "No contacts to follow up: none of the source's results match, or all of them are excluded.");

  const id = input.batch_id;
  const campaignId = input.campaign_id ?? source.campaign_id;
  const link = {
    follow_up_of: sourceId,
    filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))),
  };
  const create = { batch_id: id, campaign_id: campaignId, paused: true, ...(input.expires_on ? { expires_on: input.expires_on } : {}) };
  await audited(user, "batch.create", `batch:${id}`, { ...create, ...link }, () => getSyllable().createBatch(create)).catch((err: unknown) => {
    throw idInUseAsField(err, id);
  });

  const csv = followUpCsv(plan.rows);
  const filename = `${id}.csv`;
  const file = new File([csv], filename, { type: "text/csv" });
  let ambiguous = false;
  try {
    await audited(
      user,
      "batch.upload",
      `batch:${id}`,
      { filename, bytes: file.size, rows: plan.rows.length, last_reference_id: plan.rows.at(-1)!.reference_id, ...link },
      async () => {
        try {
          return await getSyllable().uploadBatchCsv(id, file, filename);
        } catch (err) {
          ambiguous = writeMayHaveApplied(err);
          throw err;
        }
      },
    );
  } catch (err) {
    // Whether the contacts arrived is unknown: keep the batch (on hold) for a person to check.
    if (ambiguous) throw err;
    const why = isApiError(err) ? err.message : "The upload failed.";
    const reason = "The follow-up's contacts could not be uploaded";
    try {
      await audited(user, "batch.delete", `batch:${id}`, { reason, ...link }, () => getSyllable().deleteBatch(id, reason));
      await invalidateBatch(id, { results: true });
    } catch {
      throw new ApiError(
        isApiError(err) ? err.code : "upstream_failed",
        `The follow-up batch ${id} was created but could not be filled (${why}), and could not be removed again: delete it or upload its contacts.`,
      );
    }
    throw new ApiError(
      isApiError(err) ? err.code : "upstream_failed",
      `The follow-up batch could not be filled: ${why} It was removed again; nothing was changed.`,
      isApiError(err) ? err.fields : undefined,
    );
  }
  return { batch: await refreshBatch(id, { results: true }), ...counts };
}

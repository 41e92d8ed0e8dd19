import "server-only";
// Batch reads for pages, prefetches and route handlers alike: each function checks the user it
// is given before anything is fetched (layouts are not a security boundary).
import type { BatchListQuery, CampaignOption, ResultsQuery } from "@/lib/schemas/batches";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { campaignIndex, listBatches } from "@/lib/server/batches/service";
import { exportResults, pageResults } from "@/lib/server/results/service";
import { loadBatchDetail } from "@/lib/server/live/batch-detail";
import { authorize } from "./authorize";

type Viewer = SessionUser | null | undefined;

/** The batch list (supervisor+). */
export async function listBatchesFor(user: Viewer, query: BatchListQuery) {
  authorize(user, "supervisor");
  return listBatches(query);
}

/** One batch with its derived progress (supervisor+). */
export async function batchDetailFor(user: Viewer, batchId: string) {
  authorize(user, "supervisor");
  return loadBatchDetail(batchId);
}

/** One page of a batch's results (supervisor+). */
export async function batchResultsPageFor(user: Viewer, batchId: string, query: ResultsQuery) {
  authorize(user, "supervisor");
  return pageResults(batchId, query);
}

/** The rows matching a filter as a CSV stream, with their number (supervisor+). */
export async function batchResultsCsvFor(user: Viewer, batchId: string, query: Omit<ResultsQuery, "page" | "limit">) {
  authorize(user, "supervisor");
  return exportResults(batchId, query);
}

/** The campaigns a new batch can go to (manager+: only they create batches). */
export async function campaignOptionsFor(user: Viewer): Promise<CampaignOption[]> {
  authorize(user, "manager");
  return [...(await campaignIndex()).values()].map((c) => ({ id: c.id, name: c.campaign_name, hourly_rate: c.hourly_rate ?? null }));
}

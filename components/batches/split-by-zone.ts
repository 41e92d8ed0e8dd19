// "Split by time zone": one batch per zone group, so each runs in its recipients' own hours
// instead of the whole file waiting for its narrowest zone. The largest group stays in the batch
// being uploaded to; each other group gets a new batch on the same campaign (same hold and
// expiry), named after its zone. Every step goes through the console's own routes (create,
// upload), so each is validated, suppression-checked and audited as if done by hand.
import { apiFetch } from "@/lib/queries/api-fetch";
import { uploadBatchCsv } from "@/lib/queries/batches";
import { toUploadCsv } from "@/lib/domain/upload-csv";
import { BATCH_ID_PATTERN, type BatchDetailResponse, type UploadResponse } from "@/lib/schemas/batches";
import { MAX_ZONE_NUMBERS, type ZoneBreakdown } from "@/lib/schemas/schedule";

type Row = Record<string, string>;
export type ZoneGroup = { key: string; rows: Row[] };
export type SplitOutcome = { batch_id: string; key: string; rows: number; created: boolean; ok: boolean; error?: string; suppressed?: number };

const MAX_ID = 100;

/** "spring" + "America/New_York" → "spring-america-new-york" (kept a valid batch id, at most 100 characters). */
export function splitBatchId(batchId: string, key: string): string {
  const slug = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const id = `${batchId.slice(0, MAX_ID - slug.length - 1)}-${slug}`.slice(0, MAX_ID);
  return BATCH_ID_PATTERN.test(id) ? id : `${batchId.slice(0, MAX_ID - 5)}-zone`;
}

/** Rows by their group's key (keys[i] is row i's), largest group first; ties keep the file's order. */
export function groupRows(rows: Row[], keys: string[]): ZoneGroup[] {
  const groups = new Map<string, Row[]>();
  rows.forEach((r, i) => {
    const key = keys[i]!;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  });
  return [...groups.entries()].map(([key, list]) => ({ key, rows: list })).sort((a, b) => b.rows.length - a.rows.length);
}

/** Every row's zone key, asked in chunks the look-up takes. */
export async function zoneKeys(rows: Row[], campaignId: number, onProgress: (fraction: number) => void): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < rows.length; i += MAX_ZONE_NUMBERS) {
    const numbers = rows.slice(i, i + MAX_ZONE_NUMBERS).map((r) => (r.target ?? "").trim());
    const answer = await apiFetch<ZoneBreakdown>("/api/calling-hours/zones", { method: "POST", json: { numbers, campaign_id: campaignId } });
    for (const g of answer.group_of) keys.push(answer.groups[g]!.key);
    onProgress(Math.min(1, (i + numbers.length) / rows.length));
  }
  return keys;
}

/**
 * Uploads `groups` (from groupRows): the first to `batch`, each other to a new batch. A step that
 * fails is reported and the rest go on: nothing is retried or undone behind the person's back.
 */
export async function uploadGroups(
  batch: { batch_id: string; campaign_id: number; paused?: boolean | null; expires_on?: string | null },
  columns: string[],
  groups: ZoneGroup[],
  onProgress: (done: number, total: number, step: string) => void,
): Promise<SplitOutcome[]> {
  const outcomes: SplitOutcome[] = [];
  for (const [i, group] of groups.entries()) {
    const created = i > 0;
    const id = created ? splitBatchId(batch.batch_id, group.key) : batch.batch_id;
    const base = { batch_id: id, key: group.key, rows: group.rows.length, created };
    onProgress(i, groups.length, `${created ? "Creating and uploading" : "Uploading"} ${id} (${group.key})`);
    try {
      if (created) {
        const body = { batch_id: id, campaign_id: batch.campaign_id, paused: batch.paused === true, expires_on: batch.expires_on ?? null };
        await apiFetch<BatchDetailResponse>("/api/batches", { method: "POST", json: body });
      }
      const file = new File([toUploadCsv(columns, group.rows)], `${id}.csv`, { type: "text/csv" });
      const res = await uploadBatchCsv<UploadResponse>(id, file, () => {});
      outcomes.push({ ...base, ok: true, suppressed: res.suppressed });
    } catch (err) {
      outcomes.push({ ...base, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  onProgress(groups.length, groups.length, "Done");
  return outcomes;
}

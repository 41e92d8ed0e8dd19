import "server-only";
import type { Campaign } from "@/lib/schemas/syllable";

// The versions of campaigns this server has shown, keyed by id and updated_at, so a 409 can
// name exactly which fields changed between the version an editor loaded and the current one.
// In memory and bounded: after a restart (or on another instance) the 409 still happens, with
// less precise field names (see conflictFields). Kept on globalThis so every route bundle in
// the Next server shares one map.
const MAX = 500;
const g = globalThis as typeof globalThis & { __campaignSnapshots?: Map<string, Campaign> };
const snapshots = (g.__campaignSnapshots ??= new Map<string, Campaign>());

const keyOf = (id: number, updatedAt: string | null | undefined) => `${id}@${updatedAt ?? ""}`;

/** Remembers the campaign as it was at its updated_at. */
export function rememberCampaign(campaign: Campaign): void {
  if (!campaign.updated_at) return;
  const key = keyOf(campaign.id, campaign.updated_at);
  snapshots.delete(key);
  snapshots.set(key, structuredClone(campaign));
  while (snapshots.size > MAX) {
    const oldest = snapshots.keys().next().value;
    if (oldest === undefined) break;
    snapshots.delete(oldest);
  }
}

/** The campaign as this server last saw it at that updated_at, if still remembered. */
export function campaignAt(id: number, updatedAt: string): Campaign | undefined {
  return snapshots.get(keyOf(id, updatedAt));
}

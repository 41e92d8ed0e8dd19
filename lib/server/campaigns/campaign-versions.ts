import "server-only";
import type { Campaign } from "@/lib/schemas/syllable";
import { getStore } from "@/lib/server/store";

// The versions of campaigns this console has shown, kept in the store (so every instance and a
// restart still know them), keyed by id and updated_at: a 409 can then name exactly which fields
// changed between the version an editor loaded and the current one. Without the version the
// 409 still happens, with less precise field names (see conflictFields).

/** Remembers campaigns as they were at their updated_at; a failure only costs 409 precision. */
export async function rememberCampaigns(...campaigns: Campaign[]): Promise<void> {
  try {
    await getStore().campaignVersions.remember(campaigns);
  } catch (err) {
    console.error("Could not remember campaign versions:", err);
  }
}

/** The campaign as the console saw it at that updated_at, if remembered. */
export function campaignAt(id: number, updatedAt: string): Promise<Campaign | undefined> {
  return getStore().campaignVersions.at(id, updatedAt);
}

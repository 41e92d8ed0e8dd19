import "server-only";
// Suppression lists as the API shows them, and the writes on them (each audited). Managers make
// lists and add numbers; only admins delete a list or remove a number, with a reason (see the
// route registry for who may call what).
import type { SuppressionEntryInfo, SuppressionListCreate, SuppressionListInfo } from "@/lib/schemas/suppression";
import type { SessionUser } from "@/lib/server/auth/session-user";
import { auditBy } from "@/lib/server/audit";
import { ApiError, notFound } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";
import type { SuppressionEntry, SuppressionList } from "@/lib/server/store/types";

export const toListInfo = (l: SuppressionList): SuppressionListInfo => ({
  id: l.id,
  name: l.name,
  description: l.description,
  applies_to: l.appliesTo,
  campaign_ids: l.campaignIds,
  created_by: l.createdBy,
  created_at: l.createdAt,
  updated_at: l.updatedAt,
  numbers: l.numbers,
  active_numbers: l.activeNumbers,
});

export const toEntryInfo = (e: SuppressionEntry, now: string): SuppressionEntryInfo => ({
  number: e.number,
  reason: e.reason,
  source: e.source,
  added_by: e.addedBy,
  added_at: e.addedAt,
  expires_at: e.expiresAt,
  expired: e.expiresAt !== null && e.expiresAt <= now,
});

const nameTaken = (name: string) => new ApiError("conflict", `A list named "${name}" exists already.`, { name: "This name is in use: choose another" });

/** The list, or 404 in a sentence. */
export async function requireList(id: number): Promise<SuppressionList> {
  const list = await getStore().suppression.list(id, new Date().toISOString());
  if (!list) throw notFound(`Suppression list ${id}`);
  return list;
}

/** A list id from the path: a positive whole number, else 404 (no list can have it). */
export function listIdOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound(`Suppression list ${raw}`);
  return id;
}

export async function createList(user: SessionUser, input: SuppressionListCreate): Promise<SuppressionListInfo> {
  const store = getStore().suppression;
  const at = new Date().toISOString();
  const id = await store.createList({ name: input.name, description: input.description, appliesTo: input.applies_to, createdBy: user.email, createdAt: at });
  if (id === null) throw nameTaken(input.name);
  if (input.campaign_ids?.length) for (const c of new Set(input.campaign_ids)) await assignToCampaign(c, id, at);
  await auditBy(user, "suppression.list.create", `suppression-list:${id}`, {
    name: input.name,
    applies_to: input.applies_to,
    campaign_ids: input.campaign_ids ?? [],
  });
  return toListInfo(await requireList(id));
}

/** Adds one list to a campaign's lists, keeping the others. */
async function assignToCampaign(campaignId: number, listId: number, at: string): Promise<void> {
  const store = getStore().suppression;
  const current = (await store.lists(at)).filter((l) => l.campaignIds.includes(campaignId)).map((l) => l.id);
  await store.setCampaignLists(campaignId, [...new Set([...current, listId])], at);
}

export async function updateList(
  user: SessionUser,
  id: number,
  patch: { name?: string; description?: string; applies_to?: "all" | "assigned" },
): Promise<SuppressionListInfo> {
  const before = await requireList(id);
  const changed = await getStore().suppression.updateList(
    id,
    { name: patch.name, description: patch.description, appliesTo: patch.applies_to },
    new Date().toISOString(),
  );
  if (changed === "name taken") throw nameTaken(patch.name!);
  if (!changed) throw notFound(`Suppression list ${id}`);
  await auditBy(user, "suppression.list.update", `suppression-list:${id}`, {
    before: { name: before.name, description: before.description, applies_to: before.appliesTo },
    after: patch,
  });
  return toListInfo(await requireList(id));
}

export async function deleteList(user: SessionUser, id: number, reason: string): Promise<{ deleted: true; id: number; numbers: number }> {
  const list = await requireList(id);
  const numbers = await getStore().suppression.deleteList(id);
  if (numbers === null) throw notFound(`Suppression list ${id}`);
  await auditBy(user, "suppression.list.delete", `suppression-list:${id}`, { name: list.name, numbers, reason });
  return { deleted: true, id, numbers };
}

export async function removeNumber(user: SessionUser, id: number, number: string, reason: string): Promise<{ removed: true; number: string }> {
  const list = await requireList(id);
  if (!(await getStore().suppression.removeNumber(id, number))) throw notFound(`The number ${number} on the list "${list.name}"`);
  await auditBy(user, "suppression.number.remove", `suppression-list:${id}`, { number, reason });
  return { removed: true, number };
}

/** PUT /api/campaigns/{id}/suppression-lists: exactly these lists apply to the campaign (besides those for every campaign). */
export async function setCampaignLists(user: SessionUser, campaignId: number, listIds: number[]): Promise<SuppressionListInfo[]> {
  const at = new Date().toISOString();
  const ids = [...new Set(listIds)];
  const known = new Set((await getStore().suppression.lists(at)).map((l) => l.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length)
    throw new ApiError("validation_failed", `No suppression list has the id ${unknown.join(", ")}.`, { list_ids: `Unknown list: ${unknown.join(", ")}` });
  await getStore().suppression.setCampaignLists(campaignId, ids, at);
  await auditBy(user, "suppression.campaign.assign", `campaign:${campaignId}`, { list_ids: ids });
  return campaignLists(campaignId);
}

/** The lists that apply to a campaign: assigned to it, or to every campaign. */
export async function campaignLists(campaignId: number): Promise<SuppressionListInfo[]> {
  const lists = await getStore().suppression.lists(new Date().toISOString());
  return lists.filter((l) => l.appliesTo === "all" || l.campaignIds.includes(campaignId)).map(toListInfo);
}

import "server-only";
// Suppression (do-not-call) lists in the store (see lib/server/suppression for the rules): lists,
// their campaigns, their numbers (E.164, one row per list and number), and the change counter the
// queued-request sweep follows.
import { sql, type Selectable } from "kysely";
import type { StoreDialect } from "./db/dialects";
import type { Database } from "./db/schema";
import type { SuppressionEntry, SuppressionList, SuppressionRepo, SuppressionSource } from "./types";

/** Numbers per lookup or write statement: well inside both dialects' parameter limits. */
const CHUNK = 500;
const LISTS_LOCK = "suppression-lists";

const toEntry = (r: Selectable<Database["suppression_numbers"]>): SuppressionEntry => ({
  number: r.number,
  reason: r.reason,
  source: r.source as SuppressionSource,
  addedBy: r.added_by,
  addedAt: r.added_at,
  expiresAt: r.expires_at,
});

const notExpired = (now: string) => sql<boolean>`(expires_at IS NULL OR expires_at > ${now})`;

export function suppressionRepo(dialect: StoreDialect): SuppressionRepo {
  const { db, writeTransaction } = dialect;

  async function readLists(now: string, id?: number): Promise<SuppressionList[]> {
    let q = db.selectFrom("suppression_lists").selectAll();
    if (id !== undefined) q = q.where("id", "=", id);
    const lists = await q.orderBy("name").execute();
    if (!lists.length) return [];
    const ids = lists.map((l) => Number(l.id));
    const [campaigns, counts] = await Promise.all([
      db.selectFrom("suppression_list_campaigns").selectAll().where("list_id", "in", ids).execute(),
      db
        .selectFrom("suppression_numbers")
        .select((eb) => [
          "list_id",
          eb.fn.countAll<number>().as("n"),
          eb.fn.sum<number>(sql`CASE WHEN expires_at IS NULL OR expires_at > ${now} THEN 1 ELSE 0 END`).as("active"),
        ])
        .where("list_id", "in", ids)
        .groupBy("list_id")
        .execute(),
    ]);
    return lists.map((l) => {
      const count = counts.find((c) => Number(c.list_id) === Number(l.id));
      return {
        id: Number(l.id),
        name: l.name,
        description: l.description,
        appliesTo: l.applies_to === "all" ? "all" : "assigned",
        createdBy: l.created_by,
        createdAt: l.created_at,
        updatedAt: l.updated_at,
        campaignIds: campaigns.filter((c) => Number(c.list_id) === Number(l.id)).map((c) => Number(c.campaign_id)),
        numbers: Number(count?.n ?? 0),
        activeNumbers: Number(count?.active ?? 0),
      };
    });
  }

  return {
    lists: (now) => readLists(now),
    list: async (id, now) => (await readLists(now, id))[0] ?? null,

    createList: (l) =>
      writeTransaction([LISTS_LOCK], async (trx) => {
        const taken = await trx
          .selectFrom("suppression_lists")
          .select("id")
          .where(sql`lower(name)`, "=", l.name.toLowerCase())
          .executeTakeFirst();
        if (taken) return null;
        const r = await trx
          .insertInto("suppression_lists")
          .values({
            name: l.name,
            description: l.description,
            applies_to: l.appliesTo,
            created_by: l.createdBy,
            created_at: l.createdAt,
            updated_at: l.createdAt,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        // A list for every campaign suppresses queued requests from the moment it has numbers; a
        // change is recorded when numbers are added.
        return Number(r.id);
      }),

    updateList: (id, patch, at) =>
      writeTransaction([LISTS_LOCK], async (trx) => {
        const current = await trx.selectFrom("suppression_lists").select(["id", "applies_to"]).where("id", "=", id).executeTakeFirst();
        if (!current) return false;
        if (patch.name !== undefined) {
          const taken = await trx
            .selectFrom("suppression_lists")
            .select("id")
            .where(sql`lower(name)`, "=", patch.name.toLowerCase())
            .where("id", "<>", id)
            .executeTakeFirst();
          if (taken) return "name taken";
        }
        await trx
          .updateTable("suppression_lists")
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(patch.appliesTo !== undefined ? { applies_to: patch.appliesTo } : {}),
            updated_at: at,
          })
          .where("id", "=", id)
          .execute();
        // Now applying to every campaign: queued requests everywhere are checked against it.
        if (patch.appliesTo === "all" && current.applies_to !== "all") await trx.insertInto("suppression_changes").values({ list_id: id, at }).execute();
        return true;
      }),

    deleteList: (id) =>
      writeTransaction([LISTS_LOCK], async (trx) => {
        const found = await trx.selectFrom("suppression_lists").select("id").where("id", "=", id).executeTakeFirst();
        if (!found) return null;
        const removed = await trx.deleteFrom("suppression_numbers").where("list_id", "=", id).executeTakeFirst();
        await trx.deleteFrom("suppression_list_campaigns").where("list_id", "=", id).execute();
        await trx.deleteFrom("suppression_lists").where("id", "=", id).execute();
        return Number(removed.numDeletedRows ?? 0);
      }),

    upsertNumbers: (listId, entries, at) =>
      writeTransaction([`${LISTS_LOCK}:${listId}`], async (trx) => {
        let added = 0;
        let updated = 0;
        for (let i = 0; i < entries.length; i += CHUNK) {
          const chunk = entries.slice(i, i + CHUNK);
          const existing = new Set(
            (
              await trx
                .selectFrom("suppression_numbers")
                .select("number")
                .where("list_id", "=", listId)
                .where(
                  "number",
                  "in",
                  chunk.map((e) => e.number),
                )
                .execute()
            ).map((r) => r.number),
          );
          for (const e of chunk) {
            if (existing.has(e.number)) updated++;
            else added++;
            existing.add(e.number);
          }
          // The last entry for a number wins within a chunk, as it would one statement at a time.
          const unique = [...new Map(chunk.map((e) => [e.number, e])).values()];
          await trx
            .insertInto("suppression_numbers")
            .values(
              unique.map((e) => ({
                list_id: listId,
                number: e.number,
                reason: e.reason,
                source: e.source,
                added_by: e.addedBy,
                added_at: e.addedAt,
                expires_at: e.expiresAt,
              })),
            )
            .onConflict((oc) =>
              oc.columns(["list_id", "number"]).doUpdateSet((eb) => ({
                reason: eb.ref("excluded.reason"),
                source: eb.ref("excluded.source"),
                added_by: eb.ref("excluded.added_by"),
                added_at: eb.ref("excluded.added_at"),
                expires_at: eb.ref("excluded.expires_at"),
              })),
            )
            .execute();
        }
        if (entries.length) await trx.insertInto("suppression_changes").values({ list_id: listId, at }).execute();
        return { added, updated };
      }),

    async numbers(listId, { text, offset, after, limit }) {
      let q = db.selectFrom("suppression_numbers").where("list_id", "=", listId);
      if (text) q = q.where((eb) => eb.or([eb("number", "like", `%${text}%`), eb(sql`lower(reason)`, "like", `%${text.toLowerCase()}%`)]));
      const page = q
        .selectAll()
        .orderBy("number")
        .limit(limit)
        .$if(after !== undefined, (p) => p.where("number", ">", after!))
        .$if(offset !== undefined, (p) => p.offset(offset!));
      const [rows, total] = await Promise.all([
        page.execute(),
        after !== undefined ? null : q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toEntry), total: total ? Number(total.n) : null };
    },

    async removeNumber(listId, number) {
      const r = await db.deleteFrom("suppression_numbers").where("list_id", "=", listId).where("number", "=", number).executeTakeFirst();
      return Number(r.numDeletedRows ?? 0) > 0;
    },

    setCampaignLists: (campaignId, listIds, at) =>
      writeTransaction([LISTS_LOCK], async (trx) => {
        const before = new Set(
          (await trx.selectFrom("suppression_list_campaigns").select("list_id").where("campaign_id", "=", campaignId).execute()).map((r) => Number(r.list_id)),
        );
        await trx.deleteFrom("suppression_list_campaigns").where("campaign_id", "=", campaignId).execute();
        if (listIds.length)
          await trx
            .insertInto("suppression_list_campaigns")
            .values(listIds.map((list_id) => ({ list_id, campaign_id: campaignId })))
            .execute();
        const assigned = listIds.filter((id) => !before.has(id));
        if (assigned.length)
          await trx
            .insertInto("suppression_changes")
            .values(assigned.map((list_id) => ({ list_id, at })))
            .execute();
      }),

    async matches(numbers, campaignId, now) {
      const out: Array<{ number: string; listId: number; listName: string }> = [];
      const unique = [...new Set(numbers)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        let q = db
          .selectFrom("suppression_numbers as n")
          .innerJoin("suppression_lists as l", "l.id", "n.list_id")
          .select(["n.number as number", "l.id as listId", "l.name as listName"])
          .where("n.number", "in", unique.slice(i, i + CHUNK))
          .where(notExpired(now));
        if (campaignId !== null)
          q = q.where((eb) =>
            eb.or([
              eb("l.applies_to", "=", "all"),
              eb.exists(
                eb.selectFrom("suppression_list_campaigns as c").select("c.list_id").whereRef("c.list_id", "=", "l.id").where("c.campaign_id", "=", campaignId),
              ),
            ]),
          );
        for (const r of await q.execute()) out.push({ number: r.number, listId: Number(r.listId), listName: r.listName });
      }
      return out;
    },

    latestChange: async () => {
      const r = await db
        .selectFrom("suppression_changes")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirst();
      return Number(r?.id ?? 0);
    },

    batch: async (batchId) => {
      const r = await db.selectFrom("suppression_batches").selectAll().where("batch_id", "=", batchId).executeTakeFirst();
      return { sweptChange: Number(r?.swept_change ?? 0), atUpload: Number(r?.at_upload ?? 0), removed: Number(r?.removed ?? 0) };
    },

    async noteSwept(batchId, change, removed) {
      await db
        .insertInto("suppression_batches")
        .values({ batch_id: batchId, swept_change: change, removed })
        .onConflict((oc) =>
          oc.column("batch_id").doUpdateSet((eb) => ({
            swept_change: eb.ref("excluded.swept_change"),
            removed: sql`suppression_batches.removed + ${removed}`,
          })),
        )
        .execute();
    },

    async noteUploadSuppressed(batchId, count) {
      await db
        .insertInto("suppression_batches")
        .values({ batch_id: batchId, at_upload: count })
        .onConflict((oc) => oc.column("batch_id").doUpdateSet({ at_upload: sql`suppression_batches.at_upload + ${count}` }))
        .execute();
    },
  };
}

import "server-only";
// Batch schedules and the console's settings in the store (see lib/server/schedule).
import { sql, type Selectable } from "kysely";
import type { StoreDialect } from "./db/dialects";
import type { Database } from "./db/schema";
import type { ScheduleRepo, ScheduleRow, SettingsRepo } from "./types";

const toRow = (r: Selectable<Database["batch_schedules"]>): ScheduleRow => ({
  batchId: r.batch_id,
  body: JSON.parse(r.body) as Record<string, unknown>,
  explicit: Number(r.explicit) === 1,
  groups: JSON.parse(r.groups) as unknown[],
  groupsAt: Number(r.groups_at),
  heldBySchedule: Number(r.held_by_schedule) === 1,
  state: r.state === "held" || r.state === "released" ? r.state : "",
  reason: r.reason,
  stateAt: Number(r.state_at),
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export function scheduleRepo({ db }: StoreDialect): ScheduleRepo {
  return {
    get: async (batchId) => {
      const r = await db.selectFrom("batch_schedules").selectAll().where("batch_id", "=", batchId).executeTakeFirst();
      return r ? toRow(r) : null;
    },
    list: async () => (await db.selectFrom("batch_schedules").selectAll().orderBy("batch_id").execute()).map(toRow),
    async put(batchId, body, explicit, by, at) {
      const values = {
        batch_id: batchId,
        body: JSON.stringify(body),
        explicit: explicit ? 1 : 0,
        groups: "[]",
        groups_at: 0,
        held_by_schedule: 0,
        state: "",
        reason: "",
        state_at: 0,
        updated_by: by,
        updated_at: at,
      };
      await db
        .insertInto("batch_schedules")
        .values(values)
        .onConflict((oc) =>
          explicit ? oc.column("batch_id").doUpdateSet({ body: values.body, explicit: 1, updated_by: by, updated_at: at }) : oc.column("batch_id").doNothing(),
        )
        .execute();
    },
    async remove(batchId) {
      await db.deleteFrom("batch_schedules").where("batch_id", "=", batchId).execute();
    },
    async setGroups(batchId, groups, at) {
      await db
        .updateTable("batch_schedules")
        .set({ groups: JSON.stringify(groups), groups_at: at })
        .where("batch_id", "=", batchId)
        .execute();
    },
    async noteState(batchId, s) {
      await db
        .updateTable("batch_schedules")
        .set({
          state: s.state,
          reason: s.reason,
          held_by_schedule: s.heldBySchedule ? 1 : 0,
          // The time of the change: kept while the state stays the same.
          state_at: sql<number>`CASE WHEN state = ${s.state} THEN state_at ELSE ${s.at} END`,
        })
        .where("batch_id", "=", batchId)
        .execute();
    },
    async releaseHold(batchId) {
      await db.updateTable("batch_schedules").set({ held_by_schedule: 0, state: "" }).where("batch_id", "=", batchId).execute();
    },
    async forgetGroups(batchId) {
      await db.updateTable("batch_schedules").set({ groups_at: 0 }).where("batch_id", "=", batchId).execute();
    },
  };
}

export function settingsRepo({ db }: StoreDialect): SettingsRepo {
  return {
    get: async (key) => {
      const r = await db.selectFrom("settings").selectAll().where("key", "=", key).executeTakeFirst();
      return r ? { body: JSON.parse(r.body) as unknown, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
    },
    async put(key, body, by, at) {
      await db
        .insertInto("settings")
        .values({ key, body: JSON.stringify(body), updated_by: by, updated_at: at })
        .onConflict((oc) => oc.column("key").doUpdateSet({ body: JSON.stringify(body), updated_by: by, updated_at: at }))
        .execute();
    },
    async remove(key) {
      await db.deleteFrom("settings").where("key", "=", key).execute();
    },
    async removeOlder(prefix, before) {
      if (/[%_\\]/.test(prefix)) throw new Error(`A settings prefix cannot hold LIKE wildcards: ${prefix}`);
      const r = await db.deleteFrom("settings").where("key", "like", `${prefix}%`).where("updated_at", "<", before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

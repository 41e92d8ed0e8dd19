import "server-only";
// Outcome reports in the store: each batch's results tallied by 15-minute UTC bucket and line
// type (lib/domain/report-metrics.ts), replaced whole when the batch's results are read again,
// and summed by SQL for a report (an index range on the bucket).
import { sql } from "kysely";
import { METRICS, type MetricCounts } from "@/lib/domain/report-metrics";
import type { StoreDialect } from "./db/dialects";
import type { ReportBucketRow, ReportRepo } from "./types";

/** Rows per INSERT (13 values each: well under both dialects' parameter limits). */
const INSERT_ROWS = 500;

export function reportRepo({ db, writeTransaction }: StoreDialect): ReportRepo {
  return {
    async replaceBatch(batchId, campaignId, rows) {
      await writeTransaction([`report:${batchId}`], async (trx) => {
        await trx.deleteFrom("report_buckets").where("batch_id", "=", batchId).execute();
        for (let i = 0; i < rows.length; i += INSERT_ROWS) {
          const values = rows
            .slice(i, i + INSERT_ROWS)
            .map((r) => ({ batch_id: batchId, campaign_id: campaignId, bucket: r.bucket, line_type: r.line_type, ...r.counts }));
          await trx.insertInto("report_buckets").values(values).execute();
        }
      });
    },

    async sums(q) {
      const by = sql.ref(q.by === "bucket" ? "bucket" : q.by);
      let query = db
        .selectFrom("report_buckets")
        .select([sql<string | number>`${by}`.as("key"), ...METRICS.map((m) => sql<number>`SUM(${sql.ref(m)})`.as(m))])
        .where("bucket", ">=", q.from)
        .where("bucket", "<", q.to);
      if (q.campaignId !== undefined) query = query.where("campaign_id", "=", q.campaignId);
      if (q.batchId !== undefined) query = query.where("batch_id", "=", q.batchId);
      const rows = await query.groupBy(by).execute();
      return rows.map((r): ReportBucketRow => {
        const counts = Object.fromEntries(METRICS.map((m) => [m, Number((r as Record<string, unknown>)[m] ?? 0)])) as MetricCounts;
        return { key: q.by === "bucket" || q.by === "campaign_id" ? Number(r.key) : String(r.key), counts };
      });
    },

    async batchesIn(from, to) {
      const rows = await db
        .selectFrom("report_buckets")
        .select(["batch_id", "campaign_id"])
        .distinct()
        .where("bucket", ">=", from)
        .where("bucket", "<", to)
        .execute();
      return rows.map((r) => ({ batchId: r.batch_id, campaignId: Number(r.campaign_id) }));
    },
  };
}

import "./zod-config";
import { z } from "zod";

/** GET /api/live and the overview page URL: filter by campaign id and batch status. */
export const liveQuerySchema = z.object({
  campaign: z.coerce.number().int().min(1).optional(),
  status: z.enum(["ACTIVE", "PAUSED"]).optional(),
});
export type LiveQuery = z.infer<typeof liveQuerySchema>;

/** GET /api/live (see lib/server/live/overview.ts). */
export type LiveOverviewResponse = {
  batches: import("@/lib/domain/overview").OverviewRow[];
  totals: import("@/lib/domain/overview").OverviewTotals;
  alerts: unknown[];
  upstream_now: string;
  discovered_at: string | null;
};

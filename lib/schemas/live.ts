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
  alerts: AlertView[];
  upstream_now: string;
  discovered_at: string | null;
};

/** GET /api/alerts: open (default), resolved, or all; optionally one batch's. */
export const alertListQuerySchema = z.object({
  state: z.enum(["open", "resolved", "all"]).default("open"),
  batch_id: z.string().min(1).max(256).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** An alert as the API answers it. */
export type AlertView = {
  id: number;
  batch_id: string;
  kind: "stalled" | "unreachable" | "failure_spike" | "will_not_finish" | "finished" | (string & {});
  message: string;
  opened_at: string;
  resolved_at: string | null;
  acked_by: string | null;
  acked_at: string | null;
};

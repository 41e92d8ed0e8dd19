import "./zod-config";
import { z } from "zod";

/** GET /api/live and the overview page URL: filter by campaign id and batch status. */
export const liveQuerySchema = z.object({
  campaign: z.coerce.number().int().min(1).optional(),
  status: z.enum(["ACTIVE", "PAUSED"]).optional(),
});
export type LiveQuery = z.infer<typeof liveQuerySchema>;

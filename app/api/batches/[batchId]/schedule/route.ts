import { json, withRole } from "@/lib/server/auth/with-role";
import { putSchedule, viewSchedule } from "@/lib/server/schedule/scheduler";

/** The schedule, whether the batch is held or released now and why, what comes next, and where its recipients are. */
export const GET = withRole("GET /api/batches/[batchId]/schedule", async ({ params }) => json(await viewSchedule(params.batchId)));

/** Sets the schedule and applies it at once (a start ahead holds the batch until then). */
export const PUT = withRole("PUT /api/batches/[batchId]/schedule", async ({ body, user, params }) => json(await putSchedule(user, params.batchId, body)));

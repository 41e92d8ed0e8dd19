import { json, withRole } from "@/lib/server/auth/with-role";
import { updateEach } from "@/lib/server/operations/bulk";

const UPDATE = { pause: { paused: true }, resume: { paused: false } } as const;
const ACTION = { pause: "batch.pause", resume: "batch.resume", expire: "batch.update" } as const;

/** One change for many batches, each its own audited write: {results: [{batch_id, ok, error?}]}, in the order sent. */
export const POST = withRole("POST /api/batches/bulk", async ({ body, user }) => {
  const update = body.action === "expire" ? { expires_on: body.expires_on! } : UPDATE[body.action];
  const detail = { bulk: true, ...(body.reason ? { reason: body.reason } : {}) };
  return json({ results: await updateEach(user, body.batch_ids, ACTION[body.action], update, detail) });
});

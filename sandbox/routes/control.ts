// /__sandbox/*: sandbox-only controls for tests and demos (clock, faults, stored secrets).
import { Hono } from "hono";
import { z } from "zod";
import type { SandboxDeps } from "../context";
import { webhookSecrets } from "../campaign-store";
import { HttpError, parseBody, parseIntParam, readJson } from "../validation";

const advanceSchema = z.object({
  minutes: z
    .number()
    .min(0)
    .max(60 * 24 * 60),
});
const faultsSchema = z.object({
  latency_ms: z.number().int().min(0).max(600_000).optional(),
  error_rate: z.number().min(0).max(1).optional(),
  error_status: z.number().int().min(400).max(599).optional(),
  hang: z.boolean().optional(),
  truncate_after_bytes: z.number().int().min(0).optional(),
  only: z.string().max(500).optional(),
});

export function controlRoutes({ db, clock, engine, faults }: SandboxDeps): Hono {
  const app = new Hono();

  app.get("/clock", (c) => c.json({ now: clock.nowIso(), speed: clock.speed }));

  app.post("/advance", async (c) => {
    const { minutes } = parseBody(advanceSchema, await readJson(c.req.raw));
    engine.advance(minutes * 60_000);
    return c.json({ now: clock.nowIso() });
  });

  app.get("/faults", (c) => c.json(faults.faults));
  app.get("/faults/held", (c) => c.json({ held: faults.held }));
  app.post("/faults", async (c) => {
    const patch = parseBody(faultsSchema, await readJson(c.req.raw));
    return c.json(faults.set(patch));
  });
  app.delete("/faults", (c) => {
    faults.releaseAll();
    return c.json(faults.reset());
  });

  // A dialer stuck on one batch (what the console's "stalled" alert is for): PUT stalls it, DELETE lets it go on.
  const stallTarget = (batchId: string) => {
    if (!db.prepare("SELECT 1 FROM batches WHERE batch_id = ? AND deleted_at IS NULL").get(batchId)) throw new HttpError(404, "Batch not found");
    return batchId;
  };
  app.put("/batches/:batch_id/stall", (c) => {
    engine.stalled.add(stallTarget(c.req.param("batch_id")));
    return c.json({ batch_id: c.req.param("batch_id"), stalled: true });
  });
  app.delete("/batches/:batch_id/stall", (c) => {
    engine.stalled.delete(stallTarget(c.req.param("batch_id")));
    return c.json({ batch_id: c.req.param("batch_id"), stalled: false });
  });

  app.get("/campaigns/:campaign_id/webhook-secrets", (c) => {
    const id = parseIntParam(c.req.param("campaign_id"), ["path", "campaign_id"]);
    if (!db.prepare("SELECT 1 FROM campaigns WHERE id = ?").get(id)) throw new HttpError(404, "Campaign not found");
    return c.json(webhookSecrets(db, id));
  });

  return app;
}

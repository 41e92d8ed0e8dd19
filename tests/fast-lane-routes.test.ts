// The fast lane's routes come from the route registry: the paths it takes and the ones it leaves to Next.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);
const { fastLaneRoutes, FAST_LANE_HANDLERS } = await import("@/app/api/fast-lane-routes");
const { declaredRoutes } = await import("@/lib/server/routes/registry");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const campaign = await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", {
    campaign_name: "Lane",
    mode: "voice",
    hourly_rate: 60,
    campaign_variables: {},
    caller_id: "+15125550100",
    active_days: ["mon"],
  });
  await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: "lane batch", campaign_id: campaign.id, paused: true });
});
afterAll(async () => {
  await h?.close();
});

describe("fast-lane routes", () => {
  it("has a handler for every route the registry marks fastLane, and no other", () => {
    const marked = declaredRoutes()
      .filter((r) => r.spec.fastLane)
      .map((r) => r.key);
    expect(marked).toEqual(["GET /api/batches/[batchId]"]);
    expect(FAST_LANE_HANDLERS.map((x) => x.route)).toEqual(marked);
  });

  it("takes GET /api/batches/{id} (with a query string) and leaves everything else to Next", () => {
    expect(fastLaneRoutes("GET", "/api/batches/b1")).toBeTypeOf("function");
    expect(fastLaneRoutes("GET", "/api/batches/b1?x=1")).toBeTypeOf("function");
    for (const [method, path] of [
      ["POST", "/api/batches/b1"],
      ["PATCH", "/api/batches/b1"],
      ["GET", "/api/batches/bulk"], // its own route (POST only): Next answers 405
      ["GET", "/api/batches/b1/results"],
      ["GET", "/api/batches"],
      ["GET", "/api/batches/%E0%A4%A"], // malformed: Next answers
      ["GET", "/api/campaigns/1"],
    ]) {
      expect(fastLaneRoutes(method!, path!), `${method} ${path}`).toBeNull();
    }
  });

  it("runs the route's own handler with the decoded id, role check included", async () => {
    const lane = (req: Request) => fastLaneRoutes("GET", "/api/batches/lane%20batch")!(req);
    expect((await h.call(lane, "/api/batches/lane%20batch", { role: null })).status).toBe(401);
    const res = await h.call(lane, "/api/batches/lane%20batch", { role: "supervisor" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { batch_id: string }).batch_id).toBe("lane batch");
  });
});

// Alerts end to end against the sandbox: raised from a batch's real state by the live engine,
// listed, acknowledged (audited), resolved when the condition clears, delivered to the webhook.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { SEED } from "@/sandbox/seed";
import type { AlertView } from "@/lib/schemas/live";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
let receiver: http.Server;
const delivered: Array<{ text: string }> = [];
let alerts: typeof import("./route");
let ack: typeof import("./[alertId]/ack/route");
let batch: typeof import("../batches/[batchId]/route");

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      delivered.push(JSON.parse(body) as { text: string });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  process.env.ALERT_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  h = await startHarness({ seed: true });
  alerts = await import("./route");
  ack = await import("./[alertId]/ack/route");
  batch = await import("../batches/[batchId]/route");
});
afterAll(async () => {
  delete process.env.ALERT_WEBHOOK_URL;
  (await import("@/lib/server/live")).resetLiveEngineForTests();
  await h?.close();
  await new Promise((r) => receiver.close(r));
});

const list = async (query: string) =>
  ((await (await h.call(alerts.GET, `/api/alerts?${query}`, { role: "supervisor" })).json()) as { items: AlertView[] }).items;

describe("alerts", () => {
  const id = `alert-${Date.now()}`;

  it("a batch that cannot finish before its expiry raises one alert, delivered to the webhook once", async () => {
    const { now } = await h.sandbox<{ now: string }>("GET", "/__sandbox/clock");
    await h.sandbox("POST", "/api/v1/outbound/batches", {
      batch_id: id,
      campaign_id: SEED.campaigns.alwaysOn,
      paused: false,
      call_rate: 1,
      expires_on: new Date(Date.parse(now) + 2 * 3_600_000).toISOString(),
    });
    for (let i = 0; i < 20; i++)
      await h.sandbox("POST", `/api/v1/outbound/batches/${id}/requests`, {
        reference_id: `a${i}`,
        target: `+1512555${String(6000 + i)}`,
        request_variables: {},
      });
    // Two reads of the batch: the rules run on each; the alert opens once.
    const live = await import("@/lib/server/live");
    await live.getLiveEngine().refresh(id);
    await live.getLiveEngine().refresh(id);
    const open = await list(`batch_id=${id}`);
    expect(open.map((a) => a.kind)).toEqual(["will_not_finish"]);
    expect(open[0]!.message).toMatch(/requests will not be reached before the batch expires/);
    await vi.waitFor(() => expect(delivered.filter((d) => d.text.includes(id))).toHaveLength(1));
    expect(delivered.find((d) => d.text.includes(id))!.text).toMatch(
      /^Won't finish before expiry: batch alert-\d+\. At this pace \d+ requests will not be reached/,
    );
  });

  it("a supervisor acknowledges it (audited; monitoring state, not an upstream write); the first acknowledgement stands; an unknown id is 404", async () => {
    const [alert] = await list(`batch_id=${id}`);
    const res = await h.call(ack.POST, `/api/alerts/${alert!.id}/ack`, { role: "supervisor", params: { alertId: String(alert!.id) }, json: {} });
    expect(res.status).toBe(200);
    expect(((await res.json()) as AlertView).acked_by).toBe("supervisor@sandbox.local");
    const { getStore } = await import("@/lib/server/store");
    const entry = (await getStore().audit.list({ limit: 20 })).find((e) => e.target === `alert:${alert!.id}`);
    expect(entry).toMatchObject({ action: "alert.ack", outcome: "ok", actorEmail: "supervisor@sandbox.local" });
    const again = await h.call(ack.POST, `/api/alerts/${alert!.id}/ack`, { role: "manager", params: { alertId: String(alert!.id) }, json: {} });
    expect(((await again.json()) as AlertView).acked_by).toBe("supervisor@sandbox.local");
    expect((await h.call(ack.POST, "/api/alerts/987654/ack", { role: "manager", params: { alertId: "987654" }, json: {} })).status).toBe(404);
  });

  it("resolves when the condition clears (the batch is put on hold)", async () => {
    const res = await h.call(batch.PATCH, `/api/batches/${id}`, { role: "manager", method: "PATCH", params: { batchId: id }, json: { paused: true } });
    expect(res.status).toBe(200);
    expect(await list(`batch_id=${id}`)).toEqual([]);
    const resolved = await list(`batch_id=${id}&state=resolved`);
    expect(resolved.map((a) => a.kind)).toEqual(["will_not_finish"]);
    expect(resolved[0]!.resolved_at).not.toBeNull();
  });

  it("an acknowledged 'won't finish' stays acknowledged across a flap, and is raised again when its figure moves by more than 20%", async () => {
    const { evaluateAlerts } = await import("@/lib/server/live/alerts");
    const { onAlert } = await import("@/lib/server/live/alerts");
    const flap = `flap-${Date.now()}`;
    const changes: string[] = [];
    const off = onAlert((e) => e.alert.batchId === flap && changes.push(e.change));
    const state = (unreached: number) =>
      ({
        batch_id: flap,
        status: "ACTIVE",
        paused: false,
        status_counts: { PENDING: 500 },
        history: [],
        upstream_now: new Date().toISOString(),
        progress: {
          total: 500,
          finished: 0,
          pending: 500,
          in_flight: 0,
          in_window: true,
          unreached_before_expiry: unreached,
          rate_source: "auto",
          not_dialing: null,
        },
      }) as unknown as Parameters<typeof evaluateAlerts>[1];
    const open = async () => (await list(`batch_id=${flap}`)).filter((a) => a.kind === "will_not_finish");
    await evaluateAlerts(flap, state(100));
    const [first] = await open();
    expect(first!.message).toMatch(/^Even at auto pacing's highest rate 100 requests/);
    await h.call(ack.POST, `/api/alerts/${first!.id}/ack`, { role: "supervisor", params: { alertId: String(first!.id) }, json: {} });
    await evaluateAlerts(flap, state(0)); // fits again for a moment
    expect(await open()).toEqual([]);
    await evaluateAlerts(flap, state(110)); // back, about the same: still acknowledged, no new notification
    let [again] = await open();
    expect(again!.id).not.toBe(first!.id);
    expect(again!.acked_by).toBe("supervisor@sandbox.local");
    await evaluateAlerts(flap, state(118)); // within 20% of 110: nothing changes
    expect((await open())[0]!.id).toBe(again!.id);
    await evaluateAlerts(flap, state(150)); // 36% more: raised again, for someone to look
    [again] = await open();
    expect(again!.acked_by).toBeNull();
    await vi.waitFor(() => expect(changes).toEqual(["opened", "acknowledged", "resolved", "acknowledged", "resolved", "opened"]));
    off();
  });
});

// GET /api/batches/{id}/events against a real sandbox: one upstream loop per batch however many
// streams are open, writes pushed to every stream at once, Last-Event-ID resume, gone on delete.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { SEED } from "@/sandbox/seed";
import type { BatchDetailResponse } from "@/lib/schemas/batches";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

const CADENCE_MS = 300;
let h: Harness;
let events: typeof import("./[batchId]/events/route");
let batch: typeof import("./[batchId]/route");
const upstream: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  process.env.LIVE_POLL_MS = String(CADENCE_MS);
  // 50 streams of one user at once (the fan-out test): above the per-user cap of 10, on purpose.
  process.env.STREAMS_PER_USER = "100";
  h = await startHarness({ seed: true });
  events = await import("./[batchId]/events/route");
  batch = await import("./[batchId]/route");
  globalThis.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(h.sandboxUrl.replace(/\/$/, "")) && url.includes("/api/v1/outbound/batches/")) upstream.push(new URL(url).pathname);
    return realFetch(input, init);
  };
});
afterAll(async () => {
  delete process.env.STREAMS_PER_USER;
  globalThis.fetch = realFetch;
  (await import("@/lib/server/live")).resetLiveEngineForTests();
  await h?.close();
});

type Received = { event: string; id?: string; data: unknown };

/** Opens a stream and collects its events until closed. */
async function open(batchId: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await h.call(events.GET, `/api/batches/${encodeURIComponent(batchId)}/events`, {
    role: "supervisor",
    params: { batchId },
    headers,
    signal: controller.signal,
  });
  const received: Received[] = [];
  let ended = false;
  if (res.ok) {
    void (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const fields = Object.fromEntries(
              block
                .split("\n")
                .filter((l) => !l.startsWith(":") && l.includes(": "))
                .map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)]),
            );
            if (fields.event) received.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data ?? "null") });
          }
        }
      } catch {
        // aborted
      }
      ended = true;
    })();
  }
  return { res, received, ended: () => ended, close: () => controller.abort() };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("GET /api/batches/{id}/events", () => {
  it("streams the batch as GET answers it, as text/event-stream", async () => {
    const s = await open(SEED.batches.payments);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(s.res.headers.get("cache-control")).toContain("no-transform");
    await until(() => s.received.some((e) => e.event === "batch"));
    // First a nudge to re-read the batch's alerts (they may predate the stream), then the batch.
    expect(s.received[0]).toMatchObject({ event: "alert", data: { change: "snapshot" } });
    const first = s.received.find((e) => e.event === "batch")!;
    expect(first.id).toMatch(/^\w+\.\d+$/);
    const viaGet = (await (
      await h.call(batch.GET, `/api/batches/${SEED.batches.payments}`, { role: "supervisor", params: { batchId: SEED.batches.payments } })
    ).json()) as BatchDetailResponse;
    expect(Object.keys(first.data as object).sort()).toEqual(Object.keys(viaGet).sort());
    s.close();
  });

  it("50 open streams on one batch cost one upstream read per cadence, not 50", async () => {
    const id = SEED.batches.paused;
    const streams = await Promise.all(Array.from({ length: 50 }, () => open(id)));
    await until(() => streams.every((s) => s.received.length > 0));
    upstream.length = 0;
    const window = 3000;
    await new Promise((r) => setTimeout(r, window));
    const reads = upstream.filter((p) => p.endsWith(`/batches/${id}`)).length;
    expect(reads).toBeGreaterThanOrEqual(window / CADENCE_MS / 2);
    expect(reads).toBeLessThanOrEqual(window / CADENCE_MS + 2);
    for (const s of streams) s.close();
  });

  it("a write through the console reaches every open stream at once", async () => {
    const id = SEED.batches.payments;
    const streams = await Promise.all([open(id), open(id), open(id)]);
    await until(() => streams.every((s) => s.received.length > 0));
    const res = await h.call(batch.PATCH, `/api/batches/${id}`, { role: "manager", method: "PATCH", params: { batchId: id }, json: { paused: true } });
    expect(res.status).toBe(200);
    await until(() => streams.every((s) => s.received.some((e) => (e.data as BatchDetailResponse).paused === true)), 2000);
    await h.call(batch.PATCH, `/api/batches/${id}`, { role: "manager", method: "PATCH", params: { batchId: id }, json: { paused: false } });
    for (const s of streams) s.close();
  });

  it("resumes after Last-Event-ID without replaying what the client has", async () => {
    const id = SEED.batches.payments;
    const first = await open(id);
    await until(() => first.received.some((e) => e.event === "batch"));
    const lastId = first.received.filter((e) => e.event === "batch").at(-1)!.id!;
    first.close();
    const again = await open(id, { "Last-Event-ID": lastId });
    await until(() => again.received.some((e) => e.event === "batch"), 3000);
    const batches = again.received.filter((e) => e.event === "batch");
    expect(batches.every((e) => Number(e.id!.split(".")[1]) > Number(lastId.split(".")[1]))).toBe(true);
    again.close();
  });

  it("an unknown batch is a 404 in the error shape, not a stream; deleting a watched batch ends its streams with `gone`", async () => {
    const missing = await open("no-such-batch-events");
    expect(missing.res.status).toBe(404);
    expect(((await missing.res.json()) as { error: { code: string } }).error.code).toBe("not_found");

    const id = `events-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: id, campaign_id: SEED.campaigns.payments, paused: true });
    const s = await open(id);
    await until(() => s.received.length > 0);
    const del = await h.call(batch.DELETE, `/api/batches/${id}`, { role: "manager", method: "DELETE", params: { batchId: id }, json: { reason: "test" } });
    expect(del.status).toBe(200);
    await until(() => s.received.some((e) => e.event === "gone") && s.ended(), 2000);
  });
});

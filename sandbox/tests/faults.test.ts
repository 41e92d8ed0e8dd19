// Fault injection over real HTTP (latency, injected 5xx, hangs that clients must time out on).
import { afterAll, beforeAll, afterEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { API, KEY, makeSandbox } from "./helpers";

let sb: Sandbox;
let url: string;
const headers = { "Syllable-API-Key": KEY, "Content-Type": "application/json" };

beforeAll(async () => {
  sb = await makeSandbox();
  url = (await sb.listen(0)).url;
});
afterEach(async () => {
  await fetch(`${url}/__sandbox/faults`, { method: "DELETE", headers });
});
afterAll(async () => {
  await sb.close();
});

const setFaults = (body: Record<string, unknown>) =>
  fetch(`${url}/__sandbox/faults`, { method: "POST", headers, body: JSON.stringify(body) }).then((r) => r.json());

describe("faults", () => {
  it("adds latency to API routes only", async () => {
    expect(await setFaults({ latency_ms: 300 })).toMatchObject({ latency_ms: 300, error_rate: 0, error_status: 503, hang: false });
    let t = performance.now();
    expect((await fetch(`${url}${API}/campaigns`, { headers })).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(280);
    t = performance.now();
    await fetch(`${url}/__sandbox/clock`, { headers });
    expect(performance.now() - t).toBeLessThan(250);
  });

  it("says how many requests a fault holds right now, so a test can wait for its call to arrive", async () => {
    const held = () => fetch(`${url}/__sandbox/faults/held`, { headers }).then((r) => r.json());
    await setFaults({ latency_ms: 400 });
    expect(await held()).toEqual({ held: 0 });
    const call = fetch(`${url}${API}/campaigns`, { headers });
    await expect.poll(held, { interval: 20 }).toEqual({ held: 1 });
    expect((await call).status).toBe(200);
    expect(await held()).toEqual({ held: 0 });
  });

  it("injects errors at error_rate 1", async () => {
    await setFaults({ error_rate: 1 });
    const res = await fetch(`${url}${API}/batches`, { headers });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ detail: "Injected fault" });
    await setFaults({ error_status: 500 });
    expect((await fetch(`${url}${API}/batches`, { headers })).status).toBe(500);
    const cleared = await fetch(`${url}/__sandbox/faults`, { method: "DELETE", headers }).then((r) => r.json());
    expect(cleared).toEqual({ latency_ms: 0, error_rate: 0, error_status: 503, hang: false, truncate_after_bytes: 0, only: "" });
    expect((await fetch(`${url}${API}/batches`, { headers })).status).toBe(200);
  });

  it("with `only`, hits just the requests whose method and path contain it", async () => {
    await setFaults({ error_rate: 1, error_status: 422, only: `GET ${API}/campaigns` });
    expect((await fetch(`${url}${API}/campaigns`, { headers })).status).toBe(422);
    expect((await fetch(`${url}${API}/batches`, { headers })).status).toBe(200);
    await fetch(`${url}/__sandbox/faults`, { method: "DELETE", headers });
    expect((await fetch(`${url}${API}/campaigns`, { headers })).status).toBe(200);
  });

  it("hangs until the client gives up", async () => {
    await setFaults({ hang: true });
    const t = performance.now();
    await expect(fetch(`${url}${API}/campaigns`, { headers, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    expect((await fetch(`${url}/__sandbox/faults`, { headers }).then((r) => r.json())).hang).toBe(true);
  });

  it("can start with faults from options, and close() releases hung requests", async () => {
    const other = await makeSandbox({ faults: { hang: true } });
    const { url: u } = await other.listen(0);
    const pending = fetch(`${u}${API}/campaigns`, { headers }).then(
      (r) => r.status,
      () => "closed",
    );
    await new Promise((r) => setTimeout(r, 100));
    const t = performance.now();
    await other.close();
    expect(performance.now() - t).toBeLessThan(2_000);
    expect([503, "closed"]).toContain(await pending);
  });
});

import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/server";
import { ApiError } from "../errors";
import { createHttpSyllableClient, type SyllableClient } from "./client";

// The client against a real sandbox over HTTP: the same code path as production.
let sandbox: Awaited<ReturnType<typeof createSandbox>>;
let url: string;
let client: SyllableClient;
let dataDir: string;

const campaignInput = {
  campaign_name: "Client test",
  campaign_variables: {},
  caller_id: "+15125550000",
  active_days: ["mon", "tue"],
  hourly_rate: 60,
};

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

const faults = (body: unknown) =>
  fetch(`${url}/__sandbox/faults`, {
    method: "POST",
    headers: { "Syllable-API-Key": "sandbox", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "client-test-"));
  sandbox = await createSandbox({ dataDir, speed: 0, seed: false, apiKey: "sandbox" });
  ({ url } = await sandbox.listen(0));
  client = createHttpSyllableClient({ baseUrl: url, apiKey: "sandbox", timeoutMs: 2000 });
});

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await fetch(`${url}/__sandbox/faults`, { method: "DELETE", headers: { "Syllable-API-Key": "sandbox" } });
});

describe("Syllable client against the sandbox", () => {
  it("creates, reads, lists and updates with typed, parsed answers", async () => {
    const campaign = await client.createCampaign(campaignInput);
    expect(campaign.id).toBeGreaterThan(0);
    const batch = await client.createBatch({ batch_id: "client-1", campaign_id: campaign.id, paused: true });
    expect(batch).toMatchObject({ batch_id: "client-1", paused: true });

    const list = await client.listBatches({ search: [{ field: "campaign_id", value: String(campaign.id) }], limit: 10 });
    expect(list.items.map((b) => b.batch_id)).toEqual(["client-1"]);
    expect(list.total_count).toBe(1);

    const updated = await client.updateBatch("client-1", { call_rate: 120 });
    expect(updated.call_rate).toBe(120);
    expect((await client.getBatch("client-1")).call_rate).toBe(120);
  });

  it("encodes ids in paths so a slash or space cannot reach another endpoint", async () => {
    const campaign = await client.createCampaign({ ...campaignInput, campaign_name: "Encoding" });
    await client.createBatch({ batch_id: "a/b c?d", campaign_id: campaign.id });
    expect((await client.getBatch("a/b c?d")).batch_id).toBe("a/b c?d");
    const err = await rejection(client.getBatch("../campaigns"));
    expect(err.code).toBe("not_found");
  });

  it("maps 404 to not_found with a readable message", async () => {
    const err = await rejection(client.getBatch("no-such-batch"));
    expect(err.status).toBe(404);
    expect(err.message).toBe('Batch "no-such-batch" was not found.');
  });

  it("maps a 422 to field errors keyed by the field path", async () => {
    const err = await rejection(client.createCampaign({ ...campaignInput, hourly_rate: 0 }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fields ?? {})).toContain("hourly_rate");
  });

  it("reports a rejected API key as an upstream failure, not as the person's 401", async () => {
    const bad = createHttpSyllableClient({ baseUrl: url, apiKey: "wrong", timeoutMs: 2000 });
    const err = await rejection(bad.listCampaigns({}));
    expect(err.status).toBe(502);
    expect(err.message).toContain("API key");
  });

  it("turns a hanging upstream into a 504 after the timeout", async () => {
    await faults({ hang: true });
    const quick = createHttpSyllableClient({ baseUrl: url, apiKey: "sandbox", timeoutMs: 300 });
    const err = await rejection(quick.listCampaigns({}));
    expect(err.status).toBe(504);
    expect(err.code).toBe("upstream_timeout");
  });

  it("turns upstream 5xx into a 502 without passing the body on", async () => {
    await faults({ error_rate: 1, error_status: 503 });
    const err = await rejection(client.listBatches({}));
    expect(err.status).toBe(502);
    expect(err.message).toBe("Syllable failed to answer (HTTP 503). Try again in a moment.");
  });

  it("reports an unreachable upstream as 502", async () => {
    // A port that was just free: the connection is refused (port 9 would be refused by fetch itself as unsafe).
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const nowhere = createHttpSyllableClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: "k", timeoutMs: 2000 });
    const err = await rejection(nowhere.listBatches({}));
    expect(err.status).toBe(502);
    expect(err.message).toContain("Couldn't reach Syllable");
  });
});

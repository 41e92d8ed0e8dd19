// Two console instances on one Postgres sweeping at once: each queued request with a suppressed
// number is removed from Syllable once, not once per instance. A real sandbox, a real Postgres
// (tests/support/postgres.ts), two sweepers in one process.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { startPostgres, type PostgresCluster } from "@/tests/support/postgres";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { anyTimeCampaign } from "@/tests/support/campaign-body";
import { sweepAs } from "./sweep";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
let cluster: PostgresCluster;
beforeAll(async () => {
  h = await startHarness();
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.createDatabase("suppression_sweep");
  resetConfigForTests();
}, 120_000);
afterAll(async () => {
  await getStore().close();
  await h?.close();
  cluster?.remove();
  delete process.env.DATABASE_URL;
});

describe("the suppression sweep across instances", () => {
  it("two instances sweeping at once remove each queued request once", async () => {
    const campaign = await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", anyTimeCampaign("Sweep"));
    const batchId = `sweep-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: batchId, campaign_id: campaign.id, paused: true });
    for (let i = 0; i < 30; i++)
      await h.sandbox("POST", `/api/v1/outbound/batches/${batchId}/requests`, {
        reference_id: `s${i}`,
        target: `+1512555${String(1000 + i)}`,
        request_variables: {},
      });
    const store = getStore().suppression;
    const at = new Date().toISOString();
    const list = (await store.createList({ name: "Everyone", description: "", appliesTo: "all", createdBy: "test", createdAt: at }))!;
    const suppressed = Array.from({ length: 10 }, (_, i) => `+1512555${String(1000 + i * 3)}`);
    await store.upsertNumbers(
      list,
      suppressed.map((number) => ({ number, reason: "", source: "api" as const, addedBy: "test", addedAt: at, expiresAt: null })),
      at,
    );

    const realFetch = globalThis.fetch;
    const removedIds: string[] = [];
    globalThis.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes(`/batches/${batchId}/remove-requests`))
        removedIds.push(...(JSON.parse(String(init?.body)) as string[]));
      return realFetch(input, init);
    };
    try {
      const [a, b] = await Promise.all([sweepAs("instance-a"), sweepAs("instance-b")]);
      // And once more each, after both finished: the batch is up to date.
      const [c, d] = [await sweepAs("instance-b"), await sweepAs("instance-a")];
      expect((a[batchId] ?? 0) + (b[batchId] ?? 0) + (c[batchId] ?? 0) + (d[batchId] ?? 0)).toBe(10);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(removedIds.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s${i * 3}`).sort());
    const left = await h.sandbox<Array<{ target: string }>>("GET", `/api/v1/outbound/batches/${batchId}/results`);
    expect(left).toHaveLength(20);
    expect(left.some((r) => suppressed.includes(r.target))).toBe(false);
  });
});

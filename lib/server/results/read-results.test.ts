// Two console instances on one Postgres asked for the same batch's results at once: one reads
// Syllable (under the batch's lease), the other waits for its set. A real sandbox, a real
// Postgres (tests/support/postgres.ts), two lease holders in one process.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { SEED } from "@/sandbox/seed";
import { startPostgres, type PostgresCluster } from "@/tests/support/postgres";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { readAs } from "./read-results";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
let cluster: PostgresCluster;
beforeAll(async () => {
  h = await startHarness({ seed: true });
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.createDatabase("results_reads");
  resetConfigForTests();
}, 120_000);
afterAll(async () => {
  await getStore().close();
  await h?.close();
  cluster?.remove();
  delete process.env.DATABASE_URL;
});

describe("results reads across instances", () => {
  it("two instances asking at once read Syllable once; both get the one set", async () => {
    const batchId = `twice-${Date.now()}`;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: batchId, campaign_id: SEED.campaigns.alwaysOn, paused: true });
    for (let i = 0; i < 20; i++)
      await h.sandbox("POST", `/api/v1/outbound/batches/${batchId}/requests`, {
        reference_id: `t${i}`,
        target: `+151255508${String(i).padStart(2, "0")}`,
        request_variables: {},
      });

    const realFetch = globalThis.fetch;
    let reads = 0;
    globalThis.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes(`/batches/${batchId}/results`)) reads++;
      return realFetch(input, init);
    };
    try {
      const [a, b] = await Promise.all([readAs("instance-a", batchId, { final: false }), readAs("instance-b", batchId, { final: false })]);
      expect(reads).toBe(1);
      expect(a.generation).toBe(b.generation);
      expect(b.rowCount).toBe(20);
      expect(await getStore().results.count(batchId, a.generation, {})).toBe(20);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

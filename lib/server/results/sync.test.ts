// The report sync keeps every batch's stored results (and so the reports) current, opened or not:
// a batch never read is read, an unchanged one is not read again, one whose counts moved is, and
// only the instance holding the sync's lease reads.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { anyTimeCampaign } from "@/tests/support/campaign-body";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { getStore } from "@/lib/server/store";
import { syncStoredResults } from "./service";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => h?.close());

const addRequest = (batchId: string, ref: string) =>
  h.sandbox("POST", `/api/v1/outbound/batches/${batchId}/requests`, { reference_id: ref, target: "+12125550100", request_variables: {} });
const reported = async (batchId: string) =>
  (await getStore().reports.sums({ from: 0, to: Date.now() + 86_400_000, by: "batch_id", batchId }))[0]?.counts.requests ?? 0;

describe("report sync", () => {
  it("reads batches nobody opened, skips unchanged ones, reads again when counts move, one instance at a time", async () => {
    const campaign = (await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", anyTimeCampaign("Synced"))).id;
    await h.sandbox("POST", "/api/v1/outbound/batches", { batch_id: "synced-1", campaign_id: campaign, paused: true });
    await addRequest("synced-1", "a");
    await addRequest("synced-1", "b");
    expect(await reported("synced-1")).toBe(0);

    expect(await syncStoredResults("instance-a")).toBe(1);
    expect(await reported("synced-1")).toBe(2);
    expect(await syncStoredResults("instance-a", Date.now() + 1_000)).toBe(0); // nothing moved
    // Nor minutes later: a batch that holds still is not read again (a 100k one was, every 5 minutes).
    expect(await syncStoredResults("instance-a", Date.now() + 6 * 60_000)).toBe(0);

    await addRequest("synced-1", "c");
    // Another instance holds the lease: this one reads nothing.
    await getStore().leases.acquire("report-sync", "instance-b", 60_000);
    expect(await syncStoredResults("instance-a", Date.now() + 2_000)).toBe(0);
    await getStore().leases.release("report-sync", "instance-b");
    expect(await syncStoredResults("instance-a", Date.now() + 3_000)).toBe(1);
    expect(await reported("synced-1")).toBe(3);
  });
});

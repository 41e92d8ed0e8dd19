import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { audited } from "@/lib/server/audit";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { GET } from "./route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const manager = { id: 2, email: "manager@sandbox.local", role: "manager" as const };

describe("GET /api/audit", () => {
  it("lists writes newest first with the person behind them, including failed ones", async () => {
    await audited(manager, "batch.pause", "batch:b1", { paused: true }, async () => "done");
    await expect(
      audited(manager, "batch.delete", "batch:b2", { reason: "dup" }, async () => {
        throw new Error("Batch was not found.");
      }),
    ).rejects.toThrow("not found");

    const res = await h.call(GET, "/api/audit?limit=10", { role: "admin" });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([
      ["batch.delete", "failed"],
      ["batch.pause", "ok"],
    ]);
    expect(items[1]).toMatchObject({ actorEmail: "manager@sandbox.local", actorRole: "manager", target: "batch:b1", detail: { paused: true } });
    expect(items[0].detail.error).toBe("Batch was not found.");
  });

  it("pages backwards with before", async () => {
    const first = await (await h.call(GET, "/api/audit?limit=1", { role: "admin" })).json();
    expect(first.items).toHaveLength(1);
    const next = await (await h.call(GET, `/api/audit?limit=1&before=${first.next_before}`, { role: "admin" })).json();
    expect(next.items[0].id).toBeLessThan(first.items[0].id);
  });

  it("is for admins only", async () => {
    expect((await h.call(GET, "/api/audit", { role: "manager" })).status).toBe(403);
    expect((await h.call(GET, "/api/audit", { role: null })).status).toBe(401);
  });

  it("rejects a bad limit with a field error", async () => {
    const res = await h.call(GET, "/api/audit?limit=0", { role: "admin" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toHaveProperty("limit");
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { audited } from "@/lib/server/audit";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { GET } from "./route";
import { GET as CSV } from "../audit.csv/route";
import { auditDetailLine } from "@/lib/domain/audit-details";

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

  it("admins read all of it; managers the entries about batches and campaigns (not users or sign-ins); supervisors none", async () => {
    const admin = { id: 3, email: "admin@sandbox.local", role: "admin" as const };
    await audited(admin, "user.create", "user:9", {}, async () => "ok");
    await audited(admin, "campaign.update", "campaign:5", {}, async () => "ok");
    const targets = async (role: "admin" | "manager") =>
      ((await (await h.call(GET, "/api/audit?limit=100", { role })).json()) as { items: Array<{ target: string }> }).items.map((e) => e.target);
    expect(await targets("admin")).toContain("user:9");
    const mine = await targets("manager");
    expect(mine).toContain("campaign:5");
    expect(mine).toContain("batch:b1");
    expect(mine.every((t) => t.startsWith("batch:") || t.startsWith("campaign:"))).toBe(true);
    const csv = await (await h.call(CSV, "/api/audit.csv", { role: "manager" })).text();
    expect(csv).toContain("campaign:5");
    expect(csv).not.toContain("user:9");
    expect((await h.call(GET, "/api/audit", { role: "supervisor" })).status).toBe(403);
    expect((await h.call(GET, "/api/audit", { role: null })).status).toBe(401);
  });

  it("rejects a bad limit with a field error", async () => {
    const res = await h.call(GET, "/api/audit?limit=0", { role: "admin" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toHaveProperty("limit");
  });

  it("filters by actor, action prefix, target and UTC days, pages from 1 with totals, and exports the same as CSV", async () => {
    const admin = { id: 3, email: "admin@sandbox.local", role: "admin" as const };
    await audited(manager, "campaign.stop", "batch:f-1", { campaign_id: 9, reason: 'complaint, "loud"', paused: true }, async () => "ok");
    await audited(admin, "campaign.update", "campaign:9", { hourly_rate: { from: 60, to: 120 } }, async () => "ok");
    await audited(manager, "campaign.stop", "batch:f-2", { campaign_id: 9, reason: "complaint", paused: true }, async () => "ok");
    const today = new Date().toISOString().slice(0, 10);

    const page = async (q: string) =>
      (await (await h.call(GET, `/api/audit?${q}`, { role: "admin" })).json()) as {
        items: Array<{ target: string; action: string }>;
        total_count: number;
        total_pages: number;
        page: number;
      };
    const stops = await page(`actor=MANAGER@sandbox.local&action=campaign.&from=${today}&to=${today}`);
    expect((await page(`actor=manager&action=campaign.stop&from=${today}`)).items.map((e) => e.target)).toEqual(["batch:f-2", "batch:f-1"]); // a part of the email
    expect(stops.items.map((e) => e.target)).toEqual(["batch:f-2", "batch:f-1"]);
    expect(stops.total_count).toBe(2);
    expect((await page("target=campaign:9")).items.map((e) => e.action)).toEqual(["campaign.update"]);
    expect((await page("target=batch:f-")).items).toEqual([]); // a target prefix ends in ":"
    expect((await page("from=2001-01-01&to=2001-01-02")).total_count).toBe(0);
    const p2 = await page("action=campaign.stop&limit=1&page=2");
    expect(p2).toMatchObject({ page: 2, total_pages: 2, total_count: 2 });
    expect(p2.items.map((e) => e.target)).toEqual(["batch:f-1"]);
    const bad = await h.call(GET, "/api/audit?action=DROP%20TABLE&from=yesterday", { role: "admin" });
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["action", "from"]);

    const csv = await h.call(CSV, "/api/audit.csv?action=campaign.stop", { role: "admin" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("id,at,actor,actor_role,action,target,outcome,details,detail_json");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`"${auditDetailLine({ campaign_id: 9, reason: 'complaint, "loud"', paused: true }).replace(/"/g, '""')}"`);
    expect((await h.call(CSV, "/api/audit.csv", { role: "supervisor" })).status).toBe(403);
  });
});

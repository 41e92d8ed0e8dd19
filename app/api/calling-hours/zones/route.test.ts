// The upload preview's zone look-up through the real route (auth, validation, answer checked
// against the OpenAPI document) against the sandbox: numbers grouped by the zones that decide
// their hours, each number's group, state rules named, and the campaign's UTC window judged.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { anyTimeCampaign } from "@/tests/support/campaign-body";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import * as callingHours from "@/app/api/calling-hours/route";
import type { ZoneBreakdown } from "@/lib/schemas/schedule";
import { DEFAULT_POLICY } from "@/lib/domain/calling-hours";
import * as route from "./route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

let h: Harness;
let utcAfternoon: number;
beforeAll(async () => {
  h = await startHarness();
  // 13:00-21:00 UTC: 08:00/09:00 onwards in New York, 03:00 onwards in Honolulu.
  utcAfternoon = (
    await h.sandbox<{ id: number }>("POST", "/api/v1/outbound/campaigns", {
      ...anyTimeCampaign("UTC afternoon"),
      daily_start_time: "13:00:00",
      daily_end_time: "21:00:00",
    })
  ).id;
  const policy = { ...DEFAULT_POLICY, rules: [{ state: "FL", start: "08:00", end: "20:00", days: DEFAULT_POLICY.default_hours.days }] };
  const res = await h.call(callingHours.PUT, "/api/calling-hours", { role: "admin", method: "PUT", json: policy });
  expect(res.status, await res.clone().text()).toBe(200);
}, 60_000);
afterAll(async () => h?.close());

const lookUp = (json: unknown, role: "manager" | "supervisor" = "manager") => h.call(route.POST, "/api/calling-hours/zones", { role, method: "POST", json });

describe("POST /api/calling-hours/zones", () => {
  it("groups by deciding zone, gives each number its group, names state rules, and warns for Honolulu only", async () => {
    const numbers = ["+12125550100", "(212) 555-0101", "+13055550100", "+18085550100", "not a number"];
    const res = await lookUp({ numbers, campaign_id: utcAfternoon });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as ZoneBreakdown;
    expect(body.campaign_window).toBe("13:00-21:00 UTC");
    const ny = body.groups.find((g) => g.key === "America/New_York")!;
    // New York (2), Miami (FL) and the unreadable number (the default zone, New York).
    expect(ny).toMatchObject({ count: 4, unknown: 1, states: ["FL", "NY"], hours: "08:00-21:00; FL 08:00-20:00" });
    const hi = body.groups.find((g) => g.key === "Pacific/Honolulu")!;
    expect(hi.count).toBe(1);
    expect(hi.warning).toMatch(/is 03:00-11:00 in Pacific\/Honolulu, partly outside 08:00-21:00/);
    expect(body.groups[0]!.key).toBe("America/New_York"); // largest first
    expect(body.group_of.map((i) => body.groups[i]!.key)).toEqual([
      "America/New_York",
      "America/New_York",
      "America/New_York",
      "Pacific/Honolulu",
      "America/New_York",
    ]);
  });

  it("refuses more than 10,000 numbers with a sentence, and supervisors (who cannot upload)", async () => {
    const tooMany = await lookUp({ numbers: Array.from({ length: 10_001 }, () => "+12125550100") });
    expect(tooMany.status).toBe(422);
    expect(JSON.stringify(await tooMany.json())).toContain("At most 10,000 numbers at once");
    expect((await lookUp({ numbers: [] }, "supervisor")).status).toBe(403);
  });
});

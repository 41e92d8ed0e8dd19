// Outcome reports through the real routes against the sandbox's 30 days of history: each
// batch's figures equal counts taken straight from Syllable's results, the time zone moves calls
// between days, bad parameters are field errors, and the CSV carries the same figures.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "@/tests/support/route-harness";
import { SEED } from "@/sandbox/seed";
import { shownResultSet } from "@/lib/server/results/service";
import type { OutcomeReport } from "@/lib/schemas/reports";
import * as outcomes from "./outcomes/route";
import * as outcomesCsv from "./outcomes.csv/route";

vi.mock("@/lib/server/auth/current-user", async () => (await import("@/tests/support/route-harness")).currentUserModule);

type Upstream = { request_status: string; channel_manager_status: string | null; attempt_count: number | null; sent_at: string | null };

let h: Harness;
const history = Array.from({ length: SEED.historyDays }, (_, i) => SEED.historyBatch(i + 1));
beforeAll(async () => {
  h = await startHarness({ seed: true, seedHistory: true });
  for (const id of history) await shownResultSet(id, { whole: true });
}, 120_000);
afterAll(async () => h?.close());

const report = async (query: string) => {
  const res = await h.call(outcomes.GET, `/api/reports/outcomes?${query}`, { role: "supervisor" });
  return { status: res.status, body: (await res.json()) as OutcomeReport & { error?: { fields?: Record<string, string> } } };
};
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** The figures, counted here from Syllable's rows without the console's code. */
function counted(rows: Upstream[]) {
  const channel = (r: Upstream) => (r.channel_manager_status ?? "").toUpperCase();
  const attempted = rows.filter((r) => (r.attempt_count ?? 0) > 0).length;
  const reached = rows.filter((r) => ["HUMAN", "COMPLETED", "DELIVERED", "OPENED", "CLICKED"].includes(channel(r))).length;
  return {
    requests: rows.length,
    attempted,
    attempts: rows.reduce((n, r) => n + (r.attempt_count ?? 0), 0),
    reached,
    voicemail: rows.filter((r) => channel(r) === "MACHINE").length,
    no_answer: rows.filter((r) => channel(r) === "NO-ANSWER").length,
    busy: rows.filter((r) => channel(r) === "BUSY").length,
    failed: rows.filter((r) => r.request_status === "FAILED").length,
    completed: rows.filter((r) => r.request_status === "COMPLETED").length,
    contact_rate: reached / attempted,
  };
}

describe("GET /api/reports/outcomes", () => {
  it("by batch, each row and the totals equal the counts taken from Syllable's results", async () => {
    const { status, body } = await report(`from=${days(32)}&to=${days(0)}&group_by=batch`);
    expect(status).toBe(200);
    expect(body.rows.map((r) => r.key).sort()).toEqual([...history].sort());
    const all: Upstream[] = [];
    for (const id of history) {
      const rows = await h.sandbox<Upstream[]>("GET", `/api/v1/outbound/batches/${id}/results`);
      all.push(...rows);
      expect(
        body.rows.find((r) => r.key === id),
        id,
      ).toMatchObject(counted(rows));
    }
    expect(body.totals).toMatchObject(counted(all));
    expect(body.totals.requests).toBe(SEED.historyDays * SEED.historyPerDay);
    // The seeded mix: fewer people answer at lunch than in the early evening.
    const byHour = await report(`from=${days(32)}&to=${days(0)}&group_by=hour_of_week&tz=America/New_York`);
    const rate = (hour: string) => {
      const rows = byHour.body.rows.filter((r) => r.key.endsWith(`-${hour}`));
      return rows.reduce((n, r) => n + r.reached, 0) / rows.reduce((n, r) => n + r.attempted, 0);
    };
    expect(rate("12")).toBeLessThan(rate("17"));
  });

  it("the time zone moves calls between days: one day in New York is two in UTC", async () => {
    const id = SEED.historyBatch(10);
    const ny = await report(`from=${days(40)}&to=${days(0)}&group_by=day&tz=America/New_York&batch_id=${id}`);
    expect(ny.body.rows).toHaveLength(1);
    expect(ny.body.rows[0]!.requests).toBe(SEED.historyPerDay);
    const utc = await report(`from=${days(40)}&to=${days(0)}&group_by=day&tz=UTC&batch_id=${id}`);
    // Calls from 20:00 New York time on are after midnight UTC.
    expect(utc.body.rows).toHaveLength(2);
    expect(utc.body.rows.reduce((n, r) => n + r.requests, 0)).toBe(SEED.historyPerDay);
    expect(utc.body.rows[1]!.key > ny.body.rows[0]!.key).toBe(true);
  });

  it("by campaign carries the campaign's name; a campaign filter keeps only its batches", async () => {
    const { body } = await report(`from=${days(32)}&to=${days(0)}&group_by=campaign`);
    expect(body.rows.map((r) => r.label).sort()).toEqual(["Always-on demo line", "Late payment reminders"].sort());
    const one = await report(`from=${days(32)}&to=${days(0)}&group_by=batch&campaign_id=${SEED.campaigns.payments}`);
    expect(one.body.rows).toHaveLength(SEED.historyDays / 2);
  });

  it("bad parameters are field errors in sentences", async () => {
    const bad = await report("group_by=week");
    expect(bad.status).toBe(422);
    expect(bad.body.error?.fields?.group_by).toMatch(/One of day, hour/);
    const long = await report(`from=${days(120)}&to=${days(0)}`);
    expect(long.status).toBe(422);
    expect(long.body.error?.fields?.from).toBe("At most 90 days before to");
    const backwards = await report(`from=${days(1)}&to=${days(3)}`);
    expect(backwards.status).toBe(422);
    expect((await report("tz=Mars/Olympus")).body.error?.fields?.tz).toMatch(/Not a time zone/);
  });

  it("the CSV has a line per group and the totals, with the JSON's figures", async () => {
    const query = `from=${days(32)}&to=${days(0)}&group_by=campaign`;
    const json = (await report(query)).body;
    const res = await h.call(outcomesCsv.GET, `/api/reports/outcomes.csv?${query}`, { role: "supervisor" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/outcomes-by-campaign-/);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("campaign,label,requests,attempted,attempts,reached,voicemail,no_answer,busy,failed,completed,contact_rate,attempts_per_request");
    expect(lines).toHaveLength(json.rows.length + 2);
    expect(lines.at(-1)!.startsWith(`total,,${json.totals.requests},${json.totals.attempted},`)).toBe(true);
  });
});

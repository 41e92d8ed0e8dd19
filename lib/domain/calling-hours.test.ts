// The window maths: recipients' local hours across daylight-saving changes, in zones without
// DST (Arizona, Hawaii), in half-hour zones, for a number in several zones, with state rules
// and holidays; the batch's own start, pause and weekly windows; the transitions ahead.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  groupHeldReason,
  releasedBands,
  transitions,
  verdictAt,
  windowOutsideHours,
  type CallingHoursPolicy,
  type RecipientGroup,
} from "./calling-hours";

const at = (iso: string) => Date.parse(iso);
const group = (zones: string[], state: string | null = null, count = 10, country: string | null = "US"): RecipientGroup => ({ zones, state, country, count });
const NY = group(["America/New_York"], "NY");
const allowed = (g: RecipientGroup, iso: string, policy: CallingHoursPolicy = DEFAULT_POLICY) => groupHeldReason(g, policy, at(iso)) === null;

describe("recipient-local calling hours", () => {
  it("New York: 08:00-21:00 local, on both sides of the spring change (2026-03-08)", () => {
    // Saturday, EST (UTC-5): 08:00 local is 13:00Z.
    expect(allowed(NY, "2026-03-07T12:59:00Z")).toBe(false);
    expect(allowed(NY, "2026-03-07T13:00:00Z")).toBe(true);
    // Sunday, EDT (UTC-4) from 02:00 local: 08:00 local is 12:00Z, 21:00 is 01:00Z next day.
    expect(allowed(NY, "2026-03-08T11:59:00Z")).toBe(false);
    expect(allowed(NY, "2026-03-08T12:00:00Z")).toBe(true);
    expect(allowed(NY, "2026-03-09T00:59:00Z")).toBe(true);
    expect(allowed(NY, "2026-03-09T01:00:00Z")).toBe(false);
  });

  it("the autumn change (2026-11-01): 08:00 EST is 13:00Z again", () => {
    expect(allowed(NY, "2026-10-31T12:00:00Z")).toBe(true); // EDT: 08:00
    expect(allowed(NY, "2026-11-01T12:30:00Z")).toBe(false); // EST: 07:30
    expect(allowed(NY, "2026-11-01T13:00:00Z")).toBe(true);
  });

  it("Arizona and Hawaii keep no daylight saving: the same UTC hours in winter and summer", () => {
    const az = group(["America/Phoenix"], "AZ");
    const hi = group(["Pacific/Honolulu"], "HI");
    for (const day of ["2026-01-15", "2026-07-15"]) {
      expect(allowed(az, `${day}T14:59:00Z`)).toBe(false);
      expect(allowed(az, `${day}T15:00:00Z`)).toBe(true); // 08:00 MST
      expect(allowed(hi, `${day}T17:59:00Z`)).toBe(false);
      expect(allowed(hi, `${day}T18:00:00Z`)).toBe(true); // 08:00 HST
    }
  });

  it("half-hour zones: India (UTC+5:30) and Adelaide (UTC+10:30 in its summer)", () => {
    const india = group(["Asia/Kolkata"], null, 5, "IN");
    expect(allowed(india, "2026-06-01T02:29:00Z")).toBe(false);
    expect(allowed(india, "2026-06-01T02:30:00Z")).toBe(true);
    const adelaide = group(["Australia/Adelaide"], null, 5, "AU");
    expect(allowed(adelaide, "2026-01-14T21:29:00Z")).toBe(false);
    expect(allowed(adelaide, "2026-01-14T21:30:00Z")).toBe(true); // 08:00 ACDT
  });

  it("a number in several zones may be called only when every one of them allows (the most restrictive)", () => {
    const both = group(["America/New_York", "America/Los_Angeles"]);
    // 15:30Z in summer: 11:30 New York, 08:30 Los Angeles.
    expect(allowed(both, "2026-07-01T15:30:00Z")).toBe(true);
    // 14:30Z: 10:30 New York but 07:30 Los Angeles.
    expect(allowed(both, "2026-07-01T14:30:00Z")).toBe(false);
    expect(groupHeldReason(both, DEFAULT_POLICY, at("2026-07-01T14:30:00Z"))).toContain("America/Los_Angeles is at Wed 07:30");
    // A toll-free number (dozens of zones) takes the default zone.
    const tollFree = group(["America/Adak", "America/Anchorage", "America/Chicago", "America/New_York", "Pacific/Guam", "Pacific/Honolulu"]);
    expect(allowed(tollFree, "2026-07-01T13:00:00Z")).toBe(true); // 09:00 New York
  });

  it("state rules: Florida 08:00-20:00; Alabama no Sundays and no public holidays", () => {
    const policy: CallingHoursPolicy = {
      ...DEFAULT_POLICY,
      rules: [
        { state: "FL", start: "08:00", end: "20:00", days: [...DEFAULT_POLICY.default_hours.days] },
        { state: "AL", start: "08:00", end: "20:00", days: ["mon", "tue", "wed", "thu", "fri", "sat"], no_holidays: true },
      ],
    };
    const fl = group(["America/New_York"], "FL");
    // 20:30 in Miami and in New York.
    expect(allowed(fl, "2026-07-01T00:30:00Z", policy)).toBe(false);
    expect(allowed(NY, "2026-07-01T00:30:00Z", policy)).toBe(true);
    const al = group(["America/Chicago"], "AL");
    expect(allowed(al, "2026-07-05T17:00:00Z", policy)).toBe(false); // Sunday noon
    expect(allowed(al, "2026-07-06T17:00:00Z", policy)).toBe(true); // Monday noon
    expect(groupHeldReason(al, policy, at("2026-12-25T18:00:00Z"))).toBe("AL, America/Chicago: a public holiday"); // Christmas, a Friday
  });
});

describe("a batch's verdict and its transitions", () => {
  it("held before its start, released after, held again from its pause", () => {
    const s = { start_at: "2026-07-01T14:00:00Z", pause_at: "2026-07-01T20:00:00Z", local_hours: false };
    expect(verdictAt(s, [NY], DEFAULT_POLICY, at("2026-07-01T13:59:59Z"))).toEqual({ state: "held", reason: "scheduled to start at 2026-07-01T14:00:00Z" });
    expect(verdictAt(s, [NY], DEFAULT_POLICY, at("2026-07-01T14:00:00Z")).state).toBe("released");
    expect(verdictAt(s, [NY], DEFAULT_POLICY, at("2026-07-01T20:00:00Z")).state).toBe("held");
  });

  it("weekly windows in their own zone: Berlin weekdays 09:00-17:00, across Europe's spring change", () => {
    const s = {
      windows: [{ time_zone: "Europe/Berlin", days: ["mon", "tue", "wed", "thu", "fri"] as const, start: "09:00", end: "17:00" }].map((w) => ({
        ...w,
        days: [...w.days],
      })),
      local_hours: false,
    };
    // Friday 27 March (CET, UTC+1) and Monday 30 March (CEST, UTC+2).
    expect(verdictAt(s, [], DEFAULT_POLICY, at("2026-03-27T08:00:00Z")).state).toBe("released");
    expect(verdictAt(s, [], DEFAULT_POLICY, at("2026-03-30T07:30:00Z")).state).toBe("released");
    expect(verdictAt(s, [], DEFAULT_POLICY, at("2026-03-30T06:59:00Z")).state).toBe("held");
    expect(verdictAt(s, [], DEFAULT_POLICY, at("2026-03-28T10:00:00Z")).reason).toBe("outside the batch's calling windows"); // Saturday
  });

  it("the transitions ahead are exact across a DST change: New York's hours on 7-9 March 2026", () => {
    // From 19:00 on Friday 6 March, New York time.
    expect(transitions({}, [NY], DEFAULT_POLICY, at("2026-03-07T00:00:00Z"), 2.5 * 86_400_000).map((t) => `${t.at} ${t.state}`)).toEqual([
      "2026-03-07T02:00:00.000Z held",
      "2026-03-07T13:00:00.000Z released",
      "2026-03-08T02:00:00.000Z held",
      "2026-03-08T12:00:00.000Z released",
      "2026-03-09T01:00:00.000Z held",
      "2026-03-09T12:00:00.000Z released",
    ]);
  });

  it("calling hours turned off for the batch: only its own schedule decides; no recipients holds nothing", () => {
    expect(verdictAt({ local_hours: false }, [NY], DEFAULT_POLICY, at("2026-07-01T05:00:00Z")).state).toBe("released");
    expect(verdictAt({}, [NY], DEFAULT_POLICY, at("2026-07-01T05:00:00Z")).reason).toMatch(
      /^calling hours: 10 recipients in NY, America\/New_York is at Wed 01:00/,
    );
    expect(verdictAt({}, [], DEFAULT_POLICY, at("2026-07-01T05:00:00Z")).state).toBe("released");
  });
});

describe("released bands (what the ETA counts)", () => {
  it("New York over a day: released 08:00-21:00 local, edges exact", () => {
    const from = at("2026-07-01T00:00:00Z");
    expect(releasedBands({}, [NY], DEFAULT_POLICY, from, 86_400_000).map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()])).toEqual([
      ["2026-07-01T00:00:00.000Z", "2026-07-01T01:00:00.000Z"], // 20:00-21:00 on 30 June
      ["2026-07-01T12:00:00.000Z", "2026-07-02T00:00:00.000Z"], // from 08:00 EDT
    ]);
  });
  it("a start in the future holds until then; nothing held without recipients or hours", () => {
    const from = at("2026-07-01T12:00:00Z");
    expect(releasedBands({ start_at: "2026-07-01T15:00:00Z", local_hours: false }, [], DEFAULT_POLICY, from, 6 * 3_600_000)).toEqual([
      [at("2026-07-01T15:00:00Z"), at("2026-07-01T18:00:00Z")],
    ]);
    expect(releasedBands({}, [], DEFAULT_POLICY, from, 3_600_000)).toEqual([[from, from + 3_600_000]]);
  });
});

describe("the campaign's UTC window against the recipients' hours (upload preview)", () => {
  const window = { daily_start_time: "13:00:00", daily_end_time: "21:00:00", active_days: null };
  const july = at("2026-07-01T00:00:00Z");
  it("13:00-21:00 UTC is fine for New York (09:00-17:00 EDT) but starts at 03:00 in Honolulu", () => {
    expect(windowOutsideHours(window, NY, DEFAULT_POLICY, july)).toBeNull();
    expect(windowOutsideHours(window, group(["Pacific/Honolulu"], "HI"), DEFAULT_POLICY, july)).toBe(
      "the campaign's window 13:00-21:00 UTC is 03:00-11:00 in Pacific/Honolulu, partly outside 08:00-21:00 there: those calls wait",
    );
  });
  it("a window New York can take in summer reaches 07:00 there once the clocks go back (1 November 2026)", () => {
    const early = { daily_start_time: "12:00", daily_end_time: "20:00", active_days: ["mon", "tue", "wed", "thu", "fri"] };
    expect(windowOutsideHours(early, NY, DEFAULT_POLICY, at("2026-10-20T00:00:00Z"))).toBeNull(); // 08:00 EDT
    expect(windowOutsideHours(early, NY, DEFAULT_POLICY, at("2026-11-02T00:00:00Z"))).toMatch(/is 07:00-15:00 in America\/New_York/);
  });
  it("a window across midnight UTC, in a half-hour zone (India, 08:00-21:00 IST is 02:30-15:30 UTC)", () => {
    const india = group(["Asia/Kolkata"], null, 5, "IN");
    expect(windowOutsideHours({ daily_start_time: "03:00", daily_end_time: "15:00" }, india, DEFAULT_POLICY, july)).toBeNull();
    expect(windowOutsideHours({ daily_start_time: "22:00", daily_end_time: "03:00" }, india, DEFAULT_POLICY, july)).toMatch(/is 03:30-08:30 in Asia\/Kolkata/);
  });
  it("no window (all day) warns of nothing: the scheduler holds what it must", () => {
    expect(windowOutsideHours({ daily_start_time: null, daily_end_time: null }, group(["Pacific/Honolulu"]), DEFAULT_POLICY, july)).toBeNull();
  });
});

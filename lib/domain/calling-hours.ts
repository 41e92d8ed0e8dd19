// When a batch may dial: its own schedule (start, pause, weekly windows in a chosen zone) and the
// recipients' local calling hours (47 CFR 64.1200(c)(1): 08:00-21:00 where the person is; some
// states narrower). Pure functions over instants, every local time through luxon, so daylight
// saving, Arizona and Hawaii (no DST) and half-hour zones come out right by construction.
import Holidays from "date-holidays";
import { DateTime } from "luxon";
import { DAYS_OF_WEEK, type DayOfWeek } from "./syllable-values";

/** "HH:MM", 24-hour, local to the zone it applies in; an end of "24:00" is midnight after. */
export type ClockTime = string;
export type Hours = { start: ClockTime; end: ClockTime; days: DayOfWeek[] };
export type HoursRule = Hours & { state?: string; time_zone?: string; no_holidays?: boolean };

export type CallingHoursPolicy = {
  /** On for every voice batch (a batch can turn it off with a reason). */
  enabled: boolean;
  default_hours: Hours;
  /** By US state (from the number) or by time zone; the first that matches wins. */
  rules: HoursRule[];
  /** No calls on the recipient's public holidays (date-holidays, by country and US state). */
  no_holidays: boolean;
  /** The zone of a number whose zone is not known (or not geographic). */
  default_zone: string;
};

export const DEFAULT_POLICY: CallingHoursPolicy = {
  enabled: true,
  default_hours: { start: "08:00", end: "21:00", days: [...DAYS_OF_WEEK] },
  rules: [],
  no_holidays: false,
  default_zone: "America/New_York",
};

export type ScheduleWindow = { time_zone: string; days: DayOfWeek[]; start: ClockTime; end: ClockTime };
export type BatchSchedule = {
  start_at?: string | null;
  pause_at?: string | null;
  windows?: ScheduleWindow[] | null;
  /** null/absent: the policy decides; false needs a reason (kept with it). */
  local_hours?: boolean | null;
};

/** Recipients sharing a place: the zones their numbers map to (all must allow) and their US state. */
export type RecipientGroup = { zones: string[]; state: string | null; country: string | null; count: number };

export type Verdict = { state: "held" | "released"; reason: string };

/** A number in more zones than this is not geographic (toll-free): it takes the default zone. */
export const MAX_GEOGRAPHIC_ZONES = 4;

const WEEKDAY: Record<number, DayOfWeek> = { 1: "mon", 2: "tue", 3: "wed", 4: "thu", 5: "fri", 6: "sat", 7: "sun" };
const minutesOf = (t: ClockTime) => {
  const [h, m] = t.split(":").map(Number);
  return h! * 60 + m!;
};

/** Whether local time `local` is inside `hours` (its weekday listed, start ≤ time < end). */
function inside(hours: Pick<Hours, "start" | "end" | "days">, local: DateTime): boolean {
  if (!hours.days.includes(WEEKDAY[local.weekday]!)) return false;
  const now = local.hour * 60 + local.minute;
  return now >= minutesOf(hours.start) && now < minutesOf(hours.end);
}

/** The zones that decide for a group: its own, or the default one when unknown or not geographic. */
export function zonesOf(group: Pick<RecipientGroup, "zones">, policy: Pick<CallingHoursPolicy, "default_zone">): string[] {
  return group.zones.length === 0 || group.zones.length > MAX_GEOGRAPHIC_ZONES ? [policy.default_zone] : group.zones;
}

/** The hours that apply to a group in one zone: a rule for its state, else for the zone, else the default. */
export function hoursFor(group: Pick<RecipientGroup, "state">, zone: string, policy: CallingHoursPolicy): HoursRule {
  return (
    policy.rules.find((r) => r.state && group.state && r.state.toUpperCase() === group.state.toUpperCase()) ??
    policy.rules.find((r) => r.time_zone === zone && !r.state) ??
    policy.default_hours
  );
}

const holidayCalendars = new Map<string, Holidays>();
function isPublicHoliday(country: string, state: string | null, local: DateTime): boolean {
  const key = `${country}|${state ?? ""}`;
  let calendar = holidayCalendars.get(key);
  if (!calendar) {
    calendar = state ? new Holidays(country, state) : new Holidays(country);
    holidayCalendars.set(key, calendar);
  }
  // A plain local date (noon avoids any zone arithmetic in the library).
  const found = calendar.isHoliday(new Date(Date.UTC(local.year, local.month - 1, local.day, 12)));
  return Array.isArray(found) && found.some((h) => h.type === "public");
}

/** Why a group may not be called at `at` (null: it may). */
export function groupHeldReason(group: RecipientGroup, policy: CallingHoursPolicy, at: number): string | null {
  for (const zone of zonesOf(group, policy)) {
    const local = DateTime.fromMillis(at, { zone });
    const hours = hoursFor(group, zone, policy);
    const where = group.state ? `${group.state}, ${zone}` : zone;
    if (!inside(hours, local)) return `${where} is at ${local.toFormat("ccc HH:mm")}, outside ${hours.start}-${hours.end}`;
    if ((policy.no_holidays || hours.no_holidays) && group.country && isPublicHoliday(group.country, group.state, local)) return `${where}: a public holiday`;
  }
  return null;
}

/** Whether `at` is inside one of the schedule's windows (each in its own zone). */
function inWindows(windows: ScheduleWindow[], at: number): boolean {
  return windows.some((w) => inside(w, DateTime.fromMillis(at, { zone: w.time_zone })));
}

/** Whether the recipients' calling hours apply to this batch. */
export const localHoursOn = (schedule: BatchSchedule, policy: CallingHoursPolicy) => schedule.local_hours ?? policy.enabled;

/** What the schedule and the calling hours say the batch should be at `at`, and why. */
export function verdictAt(schedule: BatchSchedule, groups: RecipientGroup[], policy: CallingHoursPolicy, at: number): Verdict {
  if (schedule.start_at && at < Date.parse(schedule.start_at)) return { state: "held", reason: `scheduled to start at ${schedule.start_at}` };
  if (schedule.pause_at && at >= Date.parse(schedule.pause_at)) return { state: "held", reason: `scheduled to pause at ${schedule.pause_at}` };
  if (schedule.windows?.length && !inWindows(schedule.windows, at)) return { state: "held", reason: "outside the batch's calling windows" };
  if (localHoursOn(schedule, policy)) {
    for (const g of groups) {
      if (g.count <= 0) continue;
      const why = groupHeldReason(g, policy, at);
      if (why) return { state: "held", reason: `calling hours: ${g.count.toLocaleString("en-US")} recipient${g.count === 1 ? "" : "s"} in ${why}` };
    }
  }
  return { state: "released", reason: schedule.start_at || schedule.windows?.length ? "inside the batch's schedule" : "inside calling hours" };
}

/** Local clock times in `zone` on each day around [from, to], as instants (luxon resolves DST). */
function localInstants(zone: string, times: ClockTime[], from: number, to: number): number[] {
  const out: number[] = [];
  let day = DateTime.fromMillis(from, { zone }).startOf("day").minus({ days: 1 });
  const last = DateTime.fromMillis(to, { zone }).endOf("day");
  while (day <= last) {
    out.push(day.toMillis());
    for (const t of times) {
      const m = minutesOf(t);
      // Wall-clock time, not a duration from midnight: on a DST day 08:00 is 7 or 9 hours after it.
      out.push((m >= 1440 ? day.plus({ days: 1 }) : day.set({ hour: Math.floor(m / 60), minute: m % 60 })).toMillis());
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

export type Transition = Verdict & { at: string };

/**
 * The instants in (from, from + horizon] at which the verdict changes, in order: evaluated only
 * at the instants where something can change (start, pause, window and hour edges, midnights in
 * each zone), so the answer is exact to the millisecond and cheap.
 */
export function transitions(
  schedule: BatchSchedule,
  groups: RecipientGroup[],
  policy: CallingHoursPolicy,
  from: number,
  horizonMs = 7 * 86_400_000,
): Transition[] {
  const to = from + horizonMs;
  const candidates = new Set<number>();
  for (const iso of [schedule.start_at, schedule.pause_at]) if (iso) candidates.add(Date.parse(iso));
  for (const w of schedule.windows ?? []) for (const t of localInstants(w.time_zone, [w.start, w.end], from, to)) candidates.add(t);
  if (localHoursOn(schedule, policy))
    for (const g of groups)
      for (const zone of zonesOf(g, policy)) {
        const h = hoursFor(g, zone, policy);
        for (const t of localInstants(zone, [h.start, h.end], from, to)) candidates.add(t);
      }
  const out: Transition[] = [];
  let current = verdictAt(schedule, groups, policy, from).state;
  for (const at of [...candidates].filter((t) => t > from && t <= to).sort((a, b) => a - b)) {
    const v = verdictAt(schedule, groups, policy, at);
    if (v.state !== current) {
      out.push({ ...v, at: new Date(at).toISOString() });
      current = v.state;
    }
  }
  return out;
}

/** Released bands [from, to) in [from, from + horizon): when the batch may dial, per the schedule and calling hours. */
export function releasedBands(
  schedule: BatchSchedule,
  groups: RecipientGroup[],
  policy: CallingHoursPolicy,
  from: number,
  horizonMs = 7 * 86_400_000,
): Array<[number, number]> {
  const to = from + horizonMs;
  const bands: Array<[number, number]> = [];
  let state = verdictAt(schedule, groups, policy, from).state;
  let since = from;
  for (const t of transitions(schedule, groups, policy, from, horizonMs)) {
    const at = Date.parse(t.at);
    if (state === "released") bands.push([since, at]);
    state = t.state;
    since = at;
  }
  if (state === "released" && since < to) bands.push([since, to]);
  return bands;
}

/** A campaign's daily window, in UTC as Syllable keeps it ("HH:MM" or "HH:MM:SS"; null: all day). */
export type UtcWindow = { daily_start_time?: string | null; daily_end_time?: string | null; active_days?: string[] | null };

/**
 * Where Syllable's one UTC window meets a group's local hours: the window as the recipients'
 * clock reads it, and whether part of it falls outside their calling hours (those calls wait).
 * Null when the window is all day or the group is always inside it. Checked over the next
 * week, every 15 minutes of the window, so daylight saving is taken as it comes.
 */
export function windowOutsideHours(window: UtcWindow, group: RecipientGroup, policy: CallingHoursPolicy, now: number): string | null {
  if (!window.daily_start_time || !window.daily_end_time) return null;
  const zone = zonesOf(group, policy)[0]!;
  const start = minutesOf(window.daily_start_time.slice(0, 5));
  const endRaw = minutesOf(window.daily_end_time.slice(0, 5));
  const end = endRaw > start ? endRaw : endRaw + 1440;
  const days = window.active_days?.map((d) => d.toLowerCase());
  const noHolidays = { ...policy, no_holidays: false, rules: policy.rules.map((r) => ({ ...r, no_holidays: false })) };
  const day0 = DateTime.fromMillis(now, { zone: "utc" }).startOf("day");
  for (let d = 0; d < 7; d++) {
    const day = day0.plus({ days: d });
    if (days?.length && !days.includes(WEEKDAY[day.weekday]!)) continue;
    for (let m = start; m < end; m += 15) {
      if (groupHeldReason(group, noHolidays, day.plus({ minutes: m }).toMillis()) === null) continue;
      const local = (minute: number) => day.plus({ minutes: minute }).setZone(zone).toFormat("HH:mm");
      const hours = hoursFor(group, zone, policy);
      return `the campaign's window ${window.daily_start_time.slice(0, 5)}-${window.daily_end_time.slice(0, 5)} UTC is ${local(start)}-${local(end)} in ${zone}, partly outside ${hours.start}-${hours.end} there: those calls wait`;
    }
  }
  return null;
}

import "./zod-config";
import { z } from "zod";
import { DAYS_OF_WEEK } from "@/lib/domain/syllable-values";

// Batch schedules and the calling-hours policy (lib/server/schedule; the maths in
// lib/domain/calling-hours.ts).

const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: "A time as HH:MM, e.g. 08:00" });
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
export const timeZoneSchema = z
  .string({ error: "A time zone, e.g. America/Chicago" })
  .trim()
  .min(1, { error: "A time zone, e.g. America/Chicago" })
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { error: "Not a time zone: use an IANA name, e.g. America/Chicago" },
  );
const days = z.array(z.enum(DAYS_OF_WEEK, { error: "Days as mon … sun" })).min(1, { error: "Choose at least one day" });
const hours = z
  .object({ start: clock, end: clock, days })
  .refine((h) => minutes(h.end) > minutes(h.start), { path: ["end"], error: "The end must be after the start" });

export const scheduleWindowSchema = z
  .object({ time_zone: timeZoneSchema, days, start: clock, end: clock })
  .strict()
  .refine((h) => minutes(h.end) > minutes(h.start), { path: ["end"], error: "The end must be after the start" });

const instant = z.iso.datetime({ offset: true, error: "A date and time, e.g. 2027-01-31T09:00:00-06:00" });

export const schedulePutSchema = z
  .object({
    start_at: instant.nullable().optional(),
    pause_at: instant.nullable().optional(),
    windows: z.array(scheduleWindowSchema).max(14, { error: "At most 14 windows" }).nullable().optional(),
    local_hours: z
      .boolean()
      .nullable()
      .optional()
      .describe("false turns the recipients' calling hours off for this batch (reason required); null: the policy decides"),
    reason: z.string().trim().max(500, { error: "At most 500 characters" }).optional(),
  })
  .strict()
  .refine((v) => v.local_hours !== false || (v.reason?.length ?? 0) >= 3, {
    path: ["reason"],
    error: "Say why calling hours are off for this batch (at least 3 characters)",
  })
  .refine((v) => !v.start_at || !v.pause_at || Date.parse(v.pause_at) > Date.parse(v.start_at), {
    path: ["pause_at"],
    error: "The pause must come after the start",
  });
export type SchedulePut = z.infer<typeof schedulePutSchema>;

export const callingHoursSchema = z
  .object({
    enabled: z.boolean(),
    default_hours: hours,
    rules: z
      .array(
        z
          .object({
            state: z
              .string()
              .trim()
              .regex(/^[A-Za-z]{2}$/, { error: "A two-letter US state, e.g. FL" })
              .transform((s) => s.toUpperCase())
              .optional(),
            time_zone: timeZoneSchema.optional(),
            start: clock,
            end: clock,
            days,
            no_holidays: z.boolean().optional(),
          })
          .strict()
          .refine((r) => !!r.state !== !!r.time_zone, { error: "A rule is for a state or for a time zone" })
          .refine((r) => minutes(r.end) > minutes(r.start), { path: ["end"], error: "The end must be after the start" }),
      )
      .max(100),
    no_holidays: z.boolean(),
    default_zone: timeZoneSchema,
  })
  .strict();
export type CallingHoursInput = z.infer<typeof callingHoursSchema>;

const verdict = z.object({ state: z.enum(["held", "released"]), reason: z.string() });
export const scheduleViewSchema = z.object({
  batch_id: z.string(),
  schedule: z.object({
    start_at: z.string().nullable(),
    pause_at: z.string().nullable(),
    windows: z.array(scheduleWindowSchema).nullable(),
    local_hours: z.boolean().nullable(),
    reason: z.string().nullable().describe("why calling hours are off for this batch"),
  }),
  explicit: z.boolean().describe("a person set a schedule (false: only the calling hours apply)"),
  state: z.enum(["held", "released"]),
  reason: z.string(),
  /** Paused upstream by a person: the schedule never releases it. */
  paused_by_person: z.boolean(),
  next: z.array(verdict.extend({ at: z.string() })).describe("the next transitions (7 days), with reasons"),
  timeline: z
    .array(z.object({ from: z.string(), to: z.string(), state: z.enum(["held", "released"]) }))
    .describe("held and released bands over the next 7 days"),
  zones: z
    .array(z.object({ zones: z.array(z.string()), state: z.string().nullable(), country: z.string().nullable(), count: z.number().int() }))
    .describe("pending recipients by place: the zones their numbers map to, their US state, and how many"),
  zones_counted_at: z.string().nullable(),
  calling_hours_on: z.boolean(),
});
export type ScheduleView = z.infer<typeof scheduleViewSchema>;

export const callingHoursViewSchema = callingHoursSchema.extend({ updated_by: z.string().nullable(), updated_at: z.string().nullable() });

/** The most numbers one zone look-up takes (the upload preview sends the file in chunks of this). */
export const MAX_ZONE_NUMBERS = 10_000;

/** POST /api/calling-hours/zones: where these numbers are, for the upload preview and "Split by time zone". */
export const zoneLookupSchema = z
  .object({
    numbers: z.array(z.string().max(100), { error: "A list of phone numbers" }).max(MAX_ZONE_NUMBERS, {
      error: `At most ${MAX_ZONE_NUMBERS.toLocaleString("en-US")} numbers at once`,
    }),
    campaign_id: z.number().int().positive().optional().describe("warn where this campaign's UTC window falls outside a zone's hours"),
  })
  .strict();

export const zoneBreakdownSchema = z.object({
  groups: z
    .array(
      z.object({
        key: z.string().describe("the zones that decide for the group, joined by &: the same key in every answer"),
        time_zones: z.array(z.string()),
        states: z.array(z.string()).describe("US states among the group's numbers"),
        count: z.number().int(),
        unknown: z.number().int().describe("numbers of no known place, counted in the default zone"),
        hours: z.string().describe("the calling hours that apply, e.g. 08:00-21:00; FL 08:00-20:00"),
        warning: z.string().nullable().describe("where the campaign's UTC window falls outside these hours"),
      }),
    )
    .describe("largest first"),
  group_of: z.array(z.number().int()).describe("for each number sent, in order, its group's index"),
  campaign_window: z.string().nullable().describe("the campaign's window, e.g. 13:00-21:00 UTC"),
  calling_hours_on: z.boolean(),
});
export type ZoneBreakdown = z.infer<typeof zoneBreakdownSchema>;

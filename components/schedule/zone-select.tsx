"use client";

// Choosing a time zone, and a local date and time in it as an instant (luxon: daylight saving
// included). Shared by the schedule editor and the new-batch form.
import { DateTime } from "luxon";
import { describedBy, Select } from "@/components/ui/field";

export const ZONES = (() => {
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [
    ...new Set([viewer, "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "Pacific/Honolulu", "UTC", ...all]),
  ];
})();

/** An instant as the value of a datetime-local input in `zone`. */
export const toLocal = (iso: string | null, zone: string) => (iso ? DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm") : "");
/** A datetime-local value read in `zone`, as an ISO instant (null when empty). */
export const toInstant = (local: string, zone: string) => (local ? DateTime.fromISO(local, { zone }).toISO() : null);

export function ZoneSelect({ id, value, onChange, error }: { id: string; value: string; onChange: (z: string) => void; error?: string }) {
  return (
    <Select {...describedBy(id, error)} value={value} onChange={(e) => onChange(e.target.value)}>
      {ZONES.map((z) => (
        <option key={z}>{z}</option>
      ))}
    </Select>
  );
}

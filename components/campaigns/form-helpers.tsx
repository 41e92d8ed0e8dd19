"use client";

import { DAYS_OF_WEEK } from "@/lib/domain/syllable-values";
import { cn } from "@/components/ui/cn";
import { DAY_LONG, DAY_SHORT } from "./format";

/** Seven toggle buttons (aria-pressed) for active days. */
function DaysToggleGroup({
  id,
  value,
  onChange,
  invalid,
  describedById,
}: {
  id: string;
  value: readonly string[];
  onChange: (days: string[]) => void;
  invalid?: boolean;
  describedById?: string;
}) {
  return (
    <div
      id={id}
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={describedById}
      data-invalid={invalid || undefined}
      className="flex flex-wrap gap-1"
    >
      {DAYS_OF_WEEK.map((d) => {
        const on = value.includes(d);
        return (
          <button
            key={d}
            type="button"
            aria-pressed={on}
            title={DAY_LONG[d]}
            onClick={() => onChange(on ? value.filter((x) => x !== d) : DAYS_OF_WEEK.filter((x) => x === d || value.includes(x)))}
            className={cn(
              "rounded-md border px-2.5 py-1 text-sm",
              on ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
            )}
          >
            {DAY_SHORT[d]}
          </button>
        );
      })}
    </div>
  );
}

/** The "Active days" field: its label, the seven toggles and the error, announced when it changes. */
export function ActiveDaysField({ id, value, onChange, error }: { id: string; value: readonly string[]; onChange: (days: string[]) => void; error?: string }) {
  return (
    <div className="space-y-1">
      <span id={`${id}-label`} className="block text-sm font-medium text-slate-700">
        Active days
      </span>
      <DaysToggleGroup id={id} value={value} onChange={onChange} invalid={!!error} describedById={`${id}-error`} />
      <p id={`${id}-error`} aria-live="polite" className="text-xs text-red-600">
        {error}
      </p>
    </div>
  );
}

/** "" → null, for optional text inputs whose schema is nullable. */
export const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
/** "" → null, else a number (NaN for junk, which the schema reports). */
export const numberOrNull = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));

/**
 * A time of day typed as HH:MM, 24-hour, whatever the browser's locale: a native time input shows
 * "01:00 PM" in en-US beside "(UTC)", which reads as local time. Checked by the form's schema.
 */
export const TIME_24H = { type: "text", inputMode: "numeric", placeholder: "HH:MM", maxLength: 8, autoComplete: "off", spellCheck: false } as const;

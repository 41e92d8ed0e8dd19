"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A row of filters with a "Reset" button when any is active. */
export function DataTableToolbar({ children, active, onReset }: { children: ReactNode; active?: boolean; onReset?: () => void }) {
  return (
    <div role="search" className="flex flex-wrap items-end gap-3">
      {children}
      {active && onReset && (
        <Button variant="ghost" size="sm" onClick={onReset}>
          Reset filters
        </Button>
      )}
    </div>
  );
}

/** A text filter that writes to the URL after typing pauses (or on Enter). */
export function DebouncedSearchInput({
  label,
  value,
  onChange,
  placeholder,
  delayMs = 350,
  className,
  list,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  delayMs?: number;
  className?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  // Follow the URL when it changes from elsewhere (back button, reset).
  if (value !== lastValue) {
    setLastValue(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => onChange(draft.trim()), delayMs);
    return () => clearTimeout(t);
  }, [draft, value, delayMs, onChange]);
  return (
    <label htmlFor={id} className={className ?? "flex flex-col gap-1 text-xs font-medium text-slate-600"}>
      {label}
      <input
        id={id}
        type="search"
        list={list}
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onChange(draft.trim());
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-normal text-slate-900"
      />
    </label>
  );
}

/** A labelled select filter; "" means "any". */
export function SelectFilter({
  label,
  value,
  onChange,
  options,
  anyLabel = "Any",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<string | { value: string; label: string }>;
  anyLabel?: string;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => {
          const opt = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/**
 * A filter that takes several values (e.g. channel outcomes NO-ANSWER and BUSY): a disclosure
 * of checkboxes, keyboard-operable as native controls are; the summary says what is chosen.
 */
export function MultiSelectFilter({
  label,
  values,
  onChange,
  options,
  anyLabel = "Any",
}: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  anyLabel?: string;
}) {
  const id = useId();
  const chosen = new Set(values);
  const summary =
    values.length === 0
      ? anyLabel
      : values.length <= 2
        ? values.map((v) => options.find((o) => o.value === v)?.label ?? v).join(", ")
        : `${values.length} chosen`;
  return (
    <div className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      <span id={`${id}-label`}>{label}</span>
      <details className="relative">
        <summary
          aria-labelledby={`${id}-label ${id}-value`}
          className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
        >
          <span id={`${id}-value`}>{summary}</span> <span aria-hidden="true">▾</span>
        </summary>
        <fieldset className="absolute z-10 mt-1 max-h-64 min-w-48 overflow-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <legend className="sr-only">{label}</legend>
          {options.map((o) => (
            <label key={o.value} className="flex items-center gap-2 py-0.5 text-sm font-normal text-slate-800">
              <input
                type="checkbox"
                checked={chosen.has(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))}
              />
              {o.label}
            </label>
          ))}
          {values.length > 0 && (
            <button type="button" className="mt-1 text-xs text-indigo-700 underline" onClick={() => onChange([])}>
              Clear
            </button>
          )}
        </fieldset>
      </details>
    </div>
  );
}

/** A date filter (YYYY-MM-DD, as the URL holds it). */
export function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <input
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal text-slate-900"
      />
    </label>
  );
}

/** The bar under a table while rows are selected: what can be done with them, and Clear selection. */
export function SelectionBar({ label, onClear, children }: { label: string; onClear: () => void; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm" role="group" aria-label={label}>
      {children}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}

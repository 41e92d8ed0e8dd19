"use client";

import { forwardRef } from "react";
import { Input } from "@/components/ui/field";

/** ISO (UTC) → the "YYYY-MM-DDTHH:mm" a datetime-local input shows, in UTC. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 16) : "";
}

/** The input's "YYYY-MM-DDTHH:mm", read as UTC, → ISO; "" → null. */
export function localInputToIso(v: string): string | null {
  if (!v) return null;
  const t = Date.parse(`${v}:00Z`);
  return Number.isFinite(t) ? new Date(t).toISOString() : v;
}

/** A datetime input whose value is an ISO string in UTC (the UI states "UTC" next to it). */
export const DateTimeUtcInput = forwardRef<
  HTMLInputElement,
  {
    value: string | null | undefined;
    onChange: (iso: string | null) => void;
    onBlur?: () => void;
    id: string;
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
    name?: string;
  }
>(function DateTimeUtcInput({ value, onChange, ...rest }, ref) {
  return (
    <div className="flex items-center gap-2">
      <Input ref={ref} type="datetime-local" value={isoToLocalInput(value)} onChange={(e) => onChange(localInputToIso(e.target.value))} {...rest} />
      <span className="shrink-0 whitespace-nowrap text-sm text-slate-500">UTC</span>
    </div>
  );
});

"use client";

// Editing a batch's schedule (loaded when opened: it brings luxon, to turn a local date and time
// in the chosen zone into an instant, daylight saving included).
import { useState } from "react";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { toInstant, toLocal, ZoneSelect, ZONES } from "./zone-select";
import { FormActions } from "@/components/ui/form-actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { DAYS_OF_WEEK, type DayOfWeek } from "@/lib/domain/syllable-values";
import { useScheduleWrite } from "@/lib/queries/schedule";
import type { ScheduleView } from "@/lib/schemas/schedule";

type Window = { time_zone: string; days: DayOfWeek[]; start: string; end: string };

export function ScheduleForm({ batchId, view, onDone }: { batchId: string; view: ScheduleView; onDone: () => void }) {
  const write = useScheduleWrite(batchId);
  const errors = useApiErrors();
  const [zone, setZone] = useState(ZONES[0]!);
  const [start, setStart] = useState(toLocal(view.schedule.start_at, ZONES[0]!));
  const [pause, setPause] = useState(toLocal(view.schedule.pause_at, ZONES[0]!));
  const [windows, setWindows] = useState<Window[]>(view.schedule.windows ?? []);
  const [hoursOff, setHoursOff] = useState(view.schedule.local_hours === false);
  const [reason, setReason] = useState(view.schedule.reason ?? "");
  const setWindow = (i: number, patch: Partial<Window>) => setWindows(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  const f = errors.fields;
  return (
    <form
      noValidate
      className="space-y-4 rounded-md border border-slate-200 p-3"
      aria-label="Schedule"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        write
          .mutateAsync({
            start_at: toInstant(start, zone),
            pause_at: toInstant(pause, zone),
            windows: windows.length ? windows : null,
            local_hours: hoursOff ? false : null,
            ...(hoursOff ? { reason } : {}),
          })
          .then((v) => {
            toast.success(`Schedule saved: ${v.state === "held" ? `held (${v.reason})` : "released"}.`);
            onDone();
          }, errors.show);
      }}
    >
      <FormErrorAlert messages={errors.form} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="schedule-start" label="Start at" hint="Held until then; empty: now" error={f.start_at}>
          <Input {...describedBy("schedule-start", f.start_at)} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field id="schedule-pause" label="Pause at" hint="Held from then; empty: never" error={f.pause_at}>
          <Input {...describedBy("schedule-pause", f.pause_at)} type="datetime-local" value={pause} onChange={(e) => setPause(e.target.value)} />
        </Field>
        <Field id="schedule-zone" label="In the time zone">
          <ZoneSelect id="schedule-zone" value={zone} onChange={setZone} />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Weekly calling windows (optional: released only inside one)</legend>
        {windows.map((w, i) => (
          <div key={i} className="grid items-end gap-2 rounded border border-slate-100 p-2 sm:grid-cols-[1fr_auto_auto_auto]">
            <Field id={`window-${i}-zone`} label="Time zone" error={f[`windows.${i}.time_zone`]}>
              <ZoneSelect id={`window-${i}-zone`} value={w.time_zone} onChange={(z) => setWindow(i, { time_zone: z })} />
            </Field>
            <Field id={`window-${i}-start`} label="From" error={f[`windows.${i}.start`]}>
              <Input {...describedBy(`window-${i}-start`)} type="time" value={w.start} onChange={(e) => setWindow(i, { start: e.target.value })} />
            </Field>
            <Field id={`window-${i}-end`} label="To" error={f[`windows.${i}.end`]}>
              <Input {...describedBy(`window-${i}-end`)} type="time" value={w.end} onChange={(e) => setWindow(i, { end: e.target.value })} />
            </Field>
            <Button
              size="sm"
              variant="ghost"
              className="mb-5"
              onClick={() => setWindows(windows.filter((_, j) => j !== i))}
              aria-label={`Remove window ${i + 1}`}
            >
              Remove
            </Button>
            <div className="flex flex-wrap gap-2 sm:col-span-4" role="group" aria-label={`Days of window ${i + 1}`}>
              {DAYS_OF_WEEK.map((d) => (
                <label key={d} className="flex items-center gap-1 text-xs">
                  <input
                    type="checkbox"
                    checked={w.days.includes(d)}
                    onChange={(e) => setWindow(i, { days: e.target.checked ? [...w.days, d] : w.days.filter((x) => x !== d) })}
                  />
                  {d}
                </label>
              ))}
              {f[`windows.${i}.days`] && <span className="text-xs text-red-600">{f[`windows.${i}.days`]}</span>}
            </div>
          </div>
        ))}
        <Button
          size="sm"
          variant="secondary"
          onClick={() => setWindows([...windows, { time_zone: zone, days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }])}
        >
          Add a window
        </Button>
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Recipients&apos; calling hours</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="local-hours" checked={!hoursOff} onChange={() => setHoursOff(false)} />
          As the console&apos;s policy says (held while any pending recipient is outside their local hours)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="local-hours" checked={hoursOff} onChange={() => setHoursOff(true)} />
          Off for this batch
        </label>
        {hoursOff && (
          <Field id="schedule-reason" label="Why" hint="Required: recorded in the audit log" error={f.reason}>
            <Textarea {...describedBy("schedule-reason", f.reason)} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </Field>
        )}
      </fieldset>
      <FormActions submitLabel="Save schedule" busy={write.isPending} onCancel={onDone} />
    </form>
  );
}

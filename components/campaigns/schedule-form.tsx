"use client";

import { Controller } from "react-hook-form";
import { errorAt } from "@/components/forms/field-errors";
import { describedBy, Field, Input } from "@/components/ui/field";
import { SCHEDULE_FIELDS } from "@/lib/domain/campaign-fields";
import { MAX_CALL_RATE } from "@/lib/domain/limits";
import { scheduleFormDefaults, scheduleFormSchema, schedulePatchFrom } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { ActiveDaysField, emptyToNull, numberOrNull, TIME_24H } from "./form-helpers";
import { useCampaignEditor } from "./use-campaign-editor";

/** Schedule & pacing (managers and admins): sends only what changed, with the version it was opened on. */
export function ScheduleForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { form, onSubmit, header, footer } = useCampaignEditor({
    campaign,
    schema: scheduleFormSchema,
    defaults: scheduleFormDefaults,
    patchFrom: schedulePatchFrom,
    fields: SCHEDULE_FIELDS,
    onDone,
  });
  const { register, control, formState } = form;
  const err = (name: string) => errorAt(formState.errors, name);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Schedule and pacing">
      {header}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="daily_start_time"
          label="Daily start time (UTC)"
          hint="Syllable stores no timezone; the console reads windows as UTC."
          error={err("daily_start_time")}
        >
          <Input {...TIME_24H} {...describedBy("daily_start_time", err("daily_start_time"))} {...register("daily_start_time")} />
        </Field>
        <Field id="daily_end_time" label="Daily end time (UTC)" hint="Before the start time: the window crosses midnight." error={err("daily_end_time")}>
          <Input {...TIME_24H} {...describedBy("daily_end_time", err("daily_end_time"))} {...register("daily_end_time")} />
        </Field>
      </div>
      <Controller
        control={control}
        name="active_days"
        render={({ field }) => <ActiveDaysField id="active_days" value={field.value} onChange={field.onChange} error={err("active_days")} />}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="hourly_rate" label="Hourly rate" hint={`Calls per hour, 1 to ${MAX_CALL_RATE}.`} error={err("hourly_rate")}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_CALL_RATE}
            {...describedBy("hourly_rate", err("hourly_rate"))}
            {...register("hourly_rate", { valueAsNumber: true })}
          />
        </Field>
        <Field id="max_daily_calls" label="Max daily calls" hint="Empty = no daily cap." error={err("max_daily_calls")}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            {...describedBy("max_daily_calls", err("max_daily_calls"))}
            {...register("max_daily_calls", { setValueAs: numberOrNull })}
          />
        </Field>
        <Field id="retry_count" label="Retries" hint="Extra attempts per contact, 0 to 10." error={err("retry_count")}>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={10}
            {...describedBy("retry_count", err("retry_count"))}
            {...register("retry_count", { valueAsNumber: true })}
          />
        </Field>
        <Field id="retry_interval" label="Retry interval" hint="30m, 12h or 7d." error={err("retry_interval")}>
          <Input {...describedBy("retry_interval", err("retry_interval"))} {...register("retry_interval", { setValueAs: emptyToNull })} placeholder="30m" />
        </Field>
      </div>
      {footer("Save schedule")}
    </form>
  );
}

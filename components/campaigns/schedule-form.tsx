"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { TIME_24H } from "./form-helpers";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { SCHEDULE_FIELDS } from "@/lib/domain/campaign-fields";
import { scheduleFormDefaults, scheduleFormSchema, schedulePatchFrom, type ScheduleFormValues } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { applyFieldErrors, errorAt } from "@/components/forms/field-errors";
import { FormActions } from "@/components/ui/form-actions";
import { KeyValueRows } from "@/components/forms/key-value-rows";
import { ActiveDaysField, emptyToNull, numberOrNull } from "./form-helpers";
import { useCampaignPatch } from "./use-campaign-patch";
import { MAX_CALL_RATE } from "@/lib/domain/limits";

function LabelsInput({ id, value, onChange, onBlur, ...aria }: { id: string; value: string[]; onChange: (v: string[]) => void; onBlur: () => void; "aria-invalid"?: true; "aria-describedby"?: string }) {
  const [text, setText] = useState(value.join(", "));
  return (
    <Input
      id={id}
      {...aria}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split(",").map((s) => s.trim()).filter(Boolean));
      }}
      onBlur={onBlur}
      placeholder="billing, reminders"
    />
  );
}

/** Schedule & pacing (managers and admins): sends only what changed, with the version it was opened on. */
export function ScheduleForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const [base, setBase] = useState(campaign);
  const [initial, setInitial] = useState(() => scheduleFormDefaults(campaign));
  const [formError, setFormError] = useState<string[]>([]);
  const form = useForm<ScheduleFormValues>({ resolver: zodResolver(scheduleFormSchema), defaultValues: initial, mode: "onTouched" });
  const { register, control, handleSubmit, formState, setError, reset } = form;
  const errors = formState.errors;
  const { mutation, save, conflictNotice } = useCampaignPatch(base, () => onDone(), (e) =>
    setFormError(applyFieldErrors(e, setError, SCHEDULE_FIELDS)),
  );

  const onSubmit = handleSubmit((values) => {
    setFormError([]);
    const changes = schedulePatchFrom(initial, values);
    if (Object.keys(changes).length === 0) {
      toast.info("Nothing changed.");
      onDone();
      return;
    }
    save(changes);
  });

  const err = (name: string) => errorAt(errors, name);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Schedule and pacing">
      {conflictNotice((current) => {
        const next = scheduleFormDefaults(current);
        setBase(current);
        setInitial(next);
        reset(next);
      })}
      <FormErrorAlert messages={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="daily_start_time" label="Daily start time (UTC)" hint="Syllable stores no timezone; the console reads windows as UTC." error={err("daily_start_time")}>
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
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="hourly_rate" label="Hourly rate" hint={`Calls per hour, 1 to ${MAX_CALL_RATE}.`} error={err("hourly_rate")}>
          <Input type="number" inputMode="numeric" min={1} max={MAX_CALL_RATE} {...describedBy("hourly_rate", err("hourly_rate"))} {...register("hourly_rate", { valueAsNumber: true })} />
        </Field>
        <Field id="max_daily_calls" label="Max daily calls" hint="Empty = no daily cap." error={err("max_daily_calls")}>
          <Input type="number" inputMode="numeric" min={1} {...describedBy("max_daily_calls", err("max_daily_calls"))} {...register("max_daily_calls", { setValueAs: numberOrNull })} />
        </Field>
        <Field id="retry_count" label="Retries" hint="Extra attempts per contact, 0 to 10." error={err("retry_count")}>
          <Input type="number" inputMode="numeric" min={0} max={10} {...describedBy("retry_count", err("retry_count"))} {...register("retry_count", { valueAsNumber: true })} />
        </Field>
        <Field id="retry_interval" label="Retry interval" hint="30m, 12h or 7d." error={err("retry_interval")}>
          <Input {...describedBy("retry_interval", err("retry_interval"))} {...register("retry_interval", { setValueAs: emptyToNull })} placeholder="30m" />
        </Field>
        <Field id="caller_id" label="Caller ID" hint="E.164, e.g. +15125551234." error={err("caller_id")}>
          <Input type="tel" {...describedBy("caller_id", err("caller_id"))} {...register("caller_id", { setValueAs: emptyToNull })} />
        </Field>
        <Field id="source" label="Source" hint="E.164 number the outreach comes from." error={err("source")}>
          <Input type="tel" {...describedBy("source", err("source"))} {...register("source", { setValueAs: emptyToNull })} />
        </Field>
      </div>
      <Field id="labels" label="Labels" hint="Comma-separated." error={err("labels")}>
        <Controller
          control={control}
          name="labels"
          render={({ field }) => <LabelsInput {...describedBy("labels", err("labels"))} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
        />
      </Field>
      <Field id="description" label="Description" error={err("description")}>
        <Textarea rows={2} {...describedBy("description", err("description"))} {...register("description", { setValueAs: emptyToNull })} />
      </Field>
      <KeyValueRows control={control} register={register} errors={errors} name="campaign_variables" legend="Campaign variables" emptyText="No variables." />
      <FormActions submitLabel="Save schedule" busy={mutation.isPending} onCancel={onDone} />
    </form>
  );
}

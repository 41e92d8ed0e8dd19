"use client";

// The new-campaign form (loaded when its dialog opens: it brings the form library and the schemas).

import "@/lib/schemas/zod-config";
import { FormActions } from "@/components/ui/form-actions";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { toast } from "@/components/ui/toast";
import { TIME_24H } from "./form-helpers";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { ApiClientError } from "@/lib/queries/api-fetch";
import { campaignKeys, createCampaign } from "@/lib/queries/campaigns";
import { CAMPAIGN_MODES, campaignCreateSchema, type CampaignCreate } from "@/lib/schemas/campaigns";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { applyFieldErrors } from "@/components/forms/field-errors";
import { ActiveDaysField, emptyToNull } from "./form-helpers";
import { CALL_RATE_HINT } from "@/lib/domain/limits";

type Inputs = z.input<typeof campaignCreateSchema>;
const FIELDS = Object.keys(campaignCreateSchema.shape);

export function CreateCampaignForm({ onDone }: { onDone: () => void }) {
  const qc = useQueryClient();
  const router = useRouter();
  const [formError, setFormError] = useState<string[]>([]);
  const { register, control, handleSubmit, formState, setError } = useForm<Inputs, unknown, CampaignCreate>({
    resolver: zodResolver(campaignCreateSchema),
    defaultValues: {
      campaign_name: "",
      mode: "voice",
      caller_id: null,
      source: null,
      daily_start_time: "09:00",
      daily_end_time: "17:00",
      active_days: ["mon", "tue", "wed", "thu", "fri"],
      hourly_rate: 60,
      retry_count: 0,
      retry_interval: null,
    },
  });
  const e = formState.errors;
  const mutation = useMutation({
    mutationFn: createCampaign,
    onSuccess: ({ campaign }) => {
      toast.success(`Campaign "${campaign.campaign_name}" created.`);
      void qc.invalidateQueries({ queryKey: campaignKeys.lists() });
      onDone();
      router.push(`/campaigns/${campaign.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiClientError && err.status === 422) setFormError(applyFieldErrors(err, setError, FIELDS));
      else toast.error(err.message);
    },
  });

  return (
    <form noValidate className="space-y-3" onSubmit={handleSubmit((v) => mutation.mutate(v))}>
      <FormErrorAlert messages={formError} />
      <Field id="new-name" label="Name" error={e.campaign_name?.message}>
        <Input {...describedBy("new-name", e.campaign_name?.message)} {...register("campaign_name")} />
      </Field>
      <Field id="new-mode" label="Mode" error={e.mode?.message}>
        <Select {...describedBy("new-mode", e.mode?.message)} {...register("mode")}>
          {CAMPAIGN_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="new-caller" label="Caller ID" hint="E.164" error={e.caller_id?.message}>
          <Input type="tel" {...describedBy("new-caller", e.caller_id?.message)} {...register("caller_id", { setValueAs: emptyToNull })} />
        </Field>
        <Field id="new-source" label="Source" hint="E.164" error={e.source?.message}>
          <Input type="tel" {...describedBy("new-source", e.source?.message)} {...register("source", { setValueAs: emptyToNull })} />
        </Field>
        <Field id="new-start" label="Daily start time (UTC)" error={e.daily_start_time?.message}>
          <Input {...TIME_24H} {...describedBy("new-start", e.daily_start_time?.message)} {...register("daily_start_time")} />
        </Field>
        <Field id="new-end" label="Daily end time (UTC)" error={e.daily_end_time?.message}>
          <Input {...TIME_24H} {...describedBy("new-end", e.daily_end_time?.message)} {...register("daily_end_time")} />
        </Field>
      </div>
      <Controller
        control={control}
        name="active_days"
        render={({ field }) => <ActiveDaysField id="new-days" value={field.value} onChange={field.onChange} error={e.active_days?.message} />}
      />
      <div className="grid grid-cols-3 gap-3">
        <Field id="new-rate" label="Hourly rate" hint={CALL_RATE_HINT} error={e.hourly_rate?.message}>
          <Input type="number" {...describedBy("new-rate", e.hourly_rate?.message)} {...register("hourly_rate", { valueAsNumber: true })} />
        </Field>
        <Field id="new-retries" label="Retries" hint="0–10" error={e.retry_count?.message}>
          <Input type="number" {...describedBy("new-retries", e.retry_count?.message)} {...register("retry_count", { valueAsNumber: true })} />
        </Field>
        <Field id="new-interval" label="Retry interval" hint="30m, 12h, 7d" error={e.retry_interval?.message}>
          <Input {...describedBy("new-interval", e.retry_interval?.message)} {...register("retry_interval", { setValueAs: emptyToNull })} />
        </Field>
      </div>
      <FormActions submitLabel="Create campaign" busy={mutation.isPending} onCancel={onDone} />
    </form>
  );
}

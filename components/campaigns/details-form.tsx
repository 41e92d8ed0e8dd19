"use client";

import { useState } from "react";
import { Controller } from "react-hook-form";
import { errorAt } from "@/components/forms/field-errors";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { DETAIL_FIELDS } from "@/lib/domain/campaign-fields";
import { detailsFormDefaults, detailsFormSchema, detailsPatchFrom } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { emptyToNull, numberOrNull } from "./form-helpers";
import { useCampaignEditor } from "./use-campaign-editor";

function LabelsInput({
  id,
  value,
  onChange,
  onBlur,
  ...aria
}: {
  id: string;
  value: string[];
  onChange: (v: string[]) => void;
  onBlur: () => void;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}) {
  const [text, setText] = useState(value.join(", "));
  return (
    <Input
      id={id}
      {...aria}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        );
      }}
      onBlur={onBlur}
      placeholder="billing, reminders"
    />
  );
}

/** Description, labels, caller ID, source and SMS session TTL (managers and admins). */
export function DetailsForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { form, onSubmit, header, footer } = useCampaignEditor({
    campaign,
    schema: detailsFormSchema,
    defaults: detailsFormDefaults,
    patchFrom: detailsPatchFrom,
    fields: DETAIL_FIELDS,
    onDone,
  });
  const { register, control, formState } = form;
  const err = (name: string) => errorAt(formState.errors, name);
  const sms = campaign.mode === "sms";

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Campaign details">
      {header}
      <Field id="description" label="Description" error={err("description")}>
        <Textarea rows={2} {...describedBy("description", err("description"))} {...register("description", { setValueAs: emptyToNull })} />
      </Field>
      <Field id="labels" label="Labels" hint="Comma-separated; used to filter the campaign list." error={err("labels")}>
        <Controller
          control={control}
          name="labels"
          render={({ field }) => <LabelsInput {...describedBy("labels", err("labels"))} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="caller_id" label="Caller ID" hint="E.164, e.g. +15125551234." error={err("caller_id")}>
          <Input type="tel" {...describedBy("caller_id", err("caller_id"))} {...register("caller_id", { setValueAs: emptyToNull })} />
        </Field>
        <Field id="source" label="Source" hint="E.164 number the outreach comes from." error={err("source")}>
          <Input type="tel" {...describedBy("source", err("source"))} {...register("source", { setValueAs: emptyToNull })} />
        </Field>
        <Field
          id="sms_session_ttl"
          label="SMS session TTL (minutes)"
          hint={sms ? "How long a reply continues the conversation; empty = Syllable's default." : "Only used by SMS campaigns; empty = Syllable's default."}
          error={err("sms_session_ttl")}
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={43_200}
            {...describedBy("sms_session_ttl", err("sms_session_ttl"))}
            {...register("sms_session_ttl", { setValueAs: numberOrNull })}
          />
        </Field>
      </div>
      {footer("Save details")}
    </form>
  );
}

"use client";

import { useState } from "react";
import { useFieldArray, useWatch, type Control, type UseFormReturn } from "react-hook-form";
import { errorAt } from "@/components/forms/field-errors";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { WEBHOOK_METHODS } from "@/lib/domain/campaign-fields";
import { CHANNEL_MANAGER_STATUSES } from "@/lib/domain/syllable-values";
import { newWebhookRow, webhooksFormDefaults, webhooksFormSchema, webhooksPatchFrom, type WebhooksFormValues } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { useCampaignEditor } from "./use-campaign-editor";

/** 32 random bytes as standard Base64: a secret Syllable accepts, made in the browser and sent only to the server. */
function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Webhooks (admins): add, edit, remove; trigger statuses from Syllable's full list; the HMAC
 * secret is write-only: kept unless replaced or removed, and never shown once saved.
 */
export function WebhooksForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { form, onSubmit, header, footer } = useCampaignEditor({
    campaign,
    schema: webhooksFormSchema,
    defaults: webhooksFormDefaults,
    patchFrom: webhooksPatchFrom,
    fields: ["webhooks", "webhooks.*"],
    onDone,
  });
  const rows = useFieldArray({ control: form.control, name: "webhooks" });
  const listError = errorAt(form.formState.errors, "webhooks.root") ?? errorAt(form.formState.errors, "webhooks");

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Webhooks">
      {header}
      {rows.fields.length === 0 && <p className="text-sm text-slate-500">No webhooks. Syllable sends nothing for this campaign.</p>}
      {rows.fields.map((row, i) => (
        <WebhookRowEditor key={row.id} form={form} index={i} onRemove={() => rows.remove(i)} />
      ))}
      {listError && (
        <p role="alert" className="text-xs text-red-600">
          {listError}
        </p>
      )}
      <Button variant="secondary" size="sm" onClick={() => rows.append(newWebhookRow())} disabled={rows.fields.length >= 20}>
        Add webhook
      </Button>
      {footer("Save webhooks")}
    </form>
  );
}

function WebhookRowEditor({ form, index, onRemove }: { form: UseFormReturn<WebhooksFormValues>; index: number; onRemove: () => void }) {
  const { register, formState, control } = form;
  const name = `webhooks.${index}` as const;
  const err = (field: string) => errorAt(formState.errors, `${name}.${field}`);
  const id = (field: string) => `wh-${index}-${field}`;
  const n = index + 1;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Webhook {n}</legend>
      {err("id") && (
        <p role="alert" className="text-xs text-red-600">
          {err("id")}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <Field id={id("url")} label={`URL of webhook ${n}`} hint="HTTPS; Syllable sends the request here." error={err("url")}>
          <Input type="url" {...describedBy(id("url"), err("url"))} {...register(`${name}.url`)} placeholder="https://example.com/hooks/syllable" />
        </Field>
        <Field id={id("method")} label={`Method of webhook ${n}`} error={err("request_method")}>
          <Select {...describedBy(id("method"), err("request_method"))} {...register(`${name}.request_method`)}>
            {WEBHOOK_METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <TriggerStatuses control={control} form={form} index={index} error={err("trigger_statuses")} />
      <SecretChoice form={form} index={index} />
      <div className="flex justify-end">
        <Button variant="danger" size="sm" onClick={onRemove}>
          Remove webhook {n}
        </Button>
      </div>
    </fieldset>
  );
}

function TriggerStatuses({
  control,
  form,
  index,
  error,
}: {
  control: Control<WebhooksFormValues>;
  form: UseFormReturn<WebhooksFormValues>;
  index: number;
  error?: string;
}) {
  const chosen = useWatch({ control, name: `webhooks.${index}.trigger_statuses` }) ?? [];
  const errorId = `wh-${index}-triggers-error`;
  return (
    <fieldset aria-describedby={errorId} className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">
        Triggers of webhook {index + 1} <span className="font-normal text-slate-500">({chosen.length} chosen)</span>
      </legend>
      <div className="grid max-h-40 grid-cols-2 gap-x-3 gap-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-3 lg:grid-cols-4">
        {CHANNEL_MANAGER_STATUSES.map((status) => (
          <label key={status} className="flex items-center gap-1.5 text-xs">
            <input type="checkbox" value={status} className="h-3.5 w-3.5" {...form.register(`webhooks.${index}.trigger_statuses`)} />
            <span className="font-mono">{status}</span>
          </label>
        ))}
      </div>
      <p id={errorId} aria-live="polite" className="text-xs text-red-600">
        {error}
      </p>
    </fieldset>
  );
}

function SecretChoice({ form, index }: { form: UseFormReturn<WebhooksFormValues>; index: number }) {
  const { register, setValue, control, formState } = form;
  const name = `webhooks.${index}` as const;
  const hasSecret = useWatch({ control, name: `${name}.has_secret` });
  const action = useWatch({ control, name: `${name}.secret_action` });
  const [generated, setGenerated] = useState(false);
  const valueId = `wh-${index}-secret`;
  const error = errorAt(formState.errors, `${name}.secret_value`);
  const choices = hasSecret
    ? ([
        ["keep", "Keep the current secret"],
        ["replace", "Replace it"],
        ["remove", "Remove it"],
      ] as const)
    : ([
        ["keep", "No secret"],
        ["replace", "Set a secret"],
      ] as const);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">
        HMAC secret of webhook {index + 1} <span className="font-normal text-slate-500">{hasSecret ? "(one is set; it is never shown)" : "(none set)"}</span>
      </legend>
      <div className="flex flex-wrap gap-4">
        {choices.map(([value, label]) => (
          <label key={value} className="flex items-center gap-1.5 text-sm">
            <input type="radio" value={value} className="h-4 w-4" {...register(`${name}.secret_action`)} />
            {label}
          </label>
        ))}
      </div>
      {action === "replace" && (
        <Field
          id={valueId}
          label={`New secret for webhook ${index + 1}`}
          hint={
            generated
              ? "Generated here: copy it to the receiving service now; it will not be shown again."
              : "Standard Base64, 32–512 bytes. Syllable signs each request with it."
          }
          error={error}
        >
          <div className="flex gap-2">
            <Input
              type={generated ? "text" : "password"}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              {...describedBy(valueId, error)}
              {...register(`${name}.secret_value`)}
            />
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setValue(`${name}.secret_value`, generateSecret(), { shouldValidate: true, shouldDirty: true });
                setGenerated(true);
              }}
            >
              Generate
            </Button>
          </div>
        </Field>
      )}
      {action === "remove" && <p className="text-xs text-amber-700">Saving removes the secret: Syllable will send this webhook unsigned.</p>}
    </fieldset>
  );
}

"use client";

// The expiry & rate form (loaded when its dialog opens: it brings the form library and the schemas).

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { usePatchBatch } from "@/lib/queries/batch-writes";
import { batchUpdateSchema, type BatchDetailResponse, type BatchPatch } from "@/lib/schemas/batches";
import { CALL_RATE_HINT, MAX_CALL_RATE } from "@/lib/domain/limits";
import { applyApiError } from "./api-form-errors";
import { AutoPacingField } from "./auto-pacing-field";
import { DateTimeUtcInput } from "./datetime-utc-input";

export function SettingsForm({ batch, onDone }: { batch: BatchDetailResponse; onDone: () => void }) {
  const patch = usePatchBatch(batch.batch_id);
  const { register, control, handleSubmit, formState, setError } = useForm<BatchPatch>({
    resolver: zodResolver(batchUpdateSchema),
    defaultValues: { expires_on: batch.expires_on ?? null, call_rate: batch.call_rate ?? null, auto_call_rate: !!batch.auto_call_rate },
  });
  const expiry = useWatch({ control, name: "expires_on" });
  const errors = formState.errors;
  const save = (v: BatchPatch) =>
    patch.mutate(v, {
      onSuccess: () => {
        toast.success("Batch settings saved.");
        onDone();
      },
      onError: (err) => applyApiError(err, setError, ["expires_on", "call_rate", "paused", "auto_call_rate"]),
    });
  const inherited = batch.campaign?.hourly_rate;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={handleSubmit((v) =>
        // Auto pacing is sent only when it changed, so a plain expiry edit says nothing about it.
        save({
          expires_on: v.expires_on ?? null,
          call_rate: v.call_rate ?? null,
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          ...(!!v.auto_call_rate !== !!batch.auto_call_rate ? { auto_call_rate: !!v.auto_call_rate } : {}),
        }),
      )}
    >
      <Field id="bs-expires" label="Expires on" hint="Must be in the future. Clear it for no expiry." error={errors.expires_on?.message}>
        <Controller
          control={control}
          name="expires_on"
          render={({ field }) => (
            <div className="flex items-center gap-2">
              <DateTimeUtcInput
                {...describedBy("bs-expires", errors.expires_on?.message)}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
              />
              <Button variant="ghost" size="sm" onClick={() => field.onChange(null)}>
                Clear
              </Button>
            </div>
          )}
        />
      </Field>
      <AutoPacingField id="bs-auto" registration={register("auto_call_rate")} error={errors.auto_call_rate?.message} hasExpiry={!!expiry} />
      <Field
        id="bs-rate"
        label="Call rate per hour"
        hint={`${CALL_RATE_HINT}. Empty = inherit the campaign's rate${inherited ? ` (${inherited}/h)` : ""}.`}
        error={errors.call_rate?.message}
      >
        <Input
          type="number"
          min={1}
          max={MAX_CALL_RATE}
          {...describedBy("bs-rate", errors.call_rate?.message)}
          {...register("call_rate", { setValueAs: (v) => (v === "" || v === null ? null : Number(v)) })}
        />
      </Field>
      <Field id="bs-reason" label="Reason (optional)" hint="Kept in the audit log." error={errors.reason?.message}>
        <Input
          maxLength={500}
          {...describedBy("bs-reason", errors.reason?.message)}
          {...register("reason", { setValueAs: (v) => (v ? String(v) : undefined) })}
          placeholder="e.g. client extended the campaign"
        />
      </Field>
      {errors.root && (
        <p role="alert" className="text-sm text-red-700">
          {errors.root.message ?? errors.root.server?.message}
        </p>
      )}
      <FormActions submitLabel="Save" busy={patch.isPending} onCancel={onDone} />
    </form>
  );
}

"use client";

// The new-batch form (loaded when its dialog opens: it brings the form library and the schemas).

import { FormActions } from "@/components/ui/form-actions";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { apiFetch } from "@/lib/queries/api-fetch";
import { batchKeys } from "@/lib/queries/batches";
import { batchCreateSchema, type BatchCreate, type BatchCreateInput, type BatchDetailResponse, type CampaignOption } from "@/lib/schemas/batches";
import { applyApiError } from "./api-form-errors";
import { AutoPacingField } from "./auto-pacing-field";
import { DateTimeUtcInput } from "./datetime-utc-input";
import { CALL_RATE_HINT, MAX_CALL_RATE } from "@/lib/domain/limits";
import { toInstant, ZoneSelect, ZONES } from "@/components/schedule/zone-select";

export function CreateBatchForm({ campaigns, onDone }: { campaigns: CampaignOption[]; onDone: () => void }) {
  const router = useRouter();
  const qc = useQueryClient();
  const form = useForm<BatchCreateInput, unknown, BatchCreate>({
    resolver: zodResolver(batchCreateSchema),
    defaultValues: { batch_id: "", paused: true, expires_on: null, call_rate: null, auto_call_rate: false },
  });
  const { register, handleSubmit, formState, setError, control } = form;
  const errors = formState.errors;
  const campaignId = useWatch({ control, name: "campaign_id" });
  const inherited = campaigns.find((c) => c.id === campaignId)?.hourly_rate;
  const expiry = useWatch({ control, name: "expires_on" });
  const [startLocal, setStartLocal] = useState("");
  const [startZone, setStartZone] = useState(ZONES[0]!);
  const startAt = toInstant(startLocal, startZone);
  const create = useMutation({
    mutationFn: async (input: BatchCreate) => {
      // A start ahead: created on hold, and its schedule releases it at the start.
      const batch = await apiFetch<BatchDetailResponse>("/api/batches", { method: "POST", json: startAt ? { ...input, paused: true } : input });
      if (startAt) await apiFetch(`/api/batches/${encodeURIComponent(batch.batch_id)}/schedule`, { method: "PUT", json: { start_at: startAt } });
      return batch;
    },
    onSuccess: (batch) => {
      qc.setQueryData(batchKeys.detail(batch.batch_id), batch);
      void qc.invalidateQueries({ queryKey: batchKeys.lists() });
      toast.success(
        `Batch ${batch.batch_id} created${startAt ? `, held until ${startLocal.replace("T", " ")} ${startZone}` : batch.paused ? " (on hold)" : ""}.`,
      );
      onDone();
      router.push(`/batches/${encodeURIComponent(batch.batch_id)}`);
    },
    onError: (err) => applyApiError(err, setError, ["batch_id", "campaign_id", "paused", "expires_on", "call_rate", "auto_call_rate"]),
  });

  return (
    <form noValidate onSubmit={handleSubmit((v) => create.mutate(v))} className="space-y-4">
      <Field id="nb-id" label="Batch id" hint="Letters, digits, dot, dash, underscore." error={errors.batch_id?.message}>
        <Input {...describedBy("nb-id", errors.batch_id?.message)} {...register("batch_id")} autoComplete="off" />
      </Field>
      <Field id="nb-campaign" label="Campaign" error={errors.campaign_id?.message}>
        <Select
          {...describedBy("nb-campaign", errors.campaign_id?.message)}
          {...register("campaign_id", { setValueAs: (v) => (v === "" ? undefined : Number(v)) })}
          defaultValue=""
        >
          <option value="" disabled>
            Choose a campaign…
          </option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} (#{c.id})
            </option>
          ))}
        </Select>
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register("paused")} className="h-4 w-4" disabled={!!startAt} />
        Start on hold (no outreach until resumed)
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="nb-start" label="Start at (optional)" hint="Held until then, released by its schedule">
          <Input {...describedBy("nb-start")} type="datetime-local" value={startLocal} onChange={(e) => setStartLocal(e.target.value)} />
        </Field>
        <Field id="nb-start-zone" label="Time zone of the start">
          <ZoneSelect id="nb-start-zone" value={startZone} onChange={setStartZone} />
        </Field>
      </div>
      <Field id="nb-expires" label="Expires on (optional)" hint="Times in UTC. Nothing is dialed after this." error={errors.expires_on?.message}>
        <Controller
          control={control}
          name="expires_on"
          render={({ field }) => (
            <DateTimeUtcInput {...describedBy("nb-expires", errors.expires_on?.message)} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
          )}
        />
      </Field>
      <AutoPacingField id="nb-auto" registration={register("auto_call_rate")} error={errors.auto_call_rate?.message} hasExpiry={!!expiry} />
      <Field
        id="nb-rate"
        label="Call rate per hour (optional)"
        hint={`${CALL_RATE_HINT}. Empty = the campaign's rate${inherited ? ` (${inherited}/h)` : ""}.`}
        error={errors.call_rate?.message}
      >
        <Input
          type="number"
          min={1}
          max={MAX_CALL_RATE}
          {...describedBy("nb-rate", errors.call_rate?.message)}
          {...register("call_rate", { setValueAs: (v) => (v === "" || v === null ? null : Number(v)) })}
        />
      </Field>
      {errors.root?.server && (
        <p role="alert" className="text-sm text-red-700">
          {errors.root.server.message}
        </p>
      )}
      <FormActions submitLabel="Create batch" busy={create.isPending} onCancel={onDone} />
    </form>
  );
}

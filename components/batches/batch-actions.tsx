"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { useAddRequest, useDeleteBatch, usePatchBatch } from "@/lib/queries/batch-writes";
import {
  addRequestFormSchema,
  batchDeleteSchema,
  batchUpdateSchema,
  type AddRequestForm,
  type BatchDelete,
  type BatchDetailResponse,
  type BatchPatch,
} from "@/lib/schemas/batches";
import { DateTimeUtcInput } from "./datetime-utc-input";
import { errorAt } from "@/components/forms/field-errors";
import { FormActions } from "@/components/ui/form-actions";
import { KeyValueRows } from "@/components/forms/key-value-rows";
import { applyApiError } from "./api-form-errors";
import { AutoPacingField } from "./auto-pacing-field";
import { UploadCsvButton } from "./upload-csv-dialog";
import { MAX_CALL_RATE, CALL_RATE_HINT } from "@/lib/schemas/fields";

/** The manager/admin operations on one batch. Not rendered for supervisors (the API refuses them anyway). */
export function BatchActions({ batch, uploadMaxBytes }: { batch: BatchDetailResponse; uploadMaxBytes: number }) {
  const stopped = ["FAILED", "CANCELED", "EXPIRED"].includes((batch.status ?? "").toUpperCase());
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Batch operations">
      <HoldToggle batch={batch} disabled={stopped} />
      <SettingsButton batch={batch} />
      <UploadCsvButton batchId={batch.batch_id} maxBytes={uploadMaxBytes} />
      <AddRequestButton batchId={batch.batch_id} />
      <DeleteButton batchId={batch.batch_id} />
    </div>
  );
}

function HoldToggle({ batch, disabled }: { batch: BatchDetailResponse; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const pausing = !batch.paused;
  const patch = usePatchBatch(batch.batch_id);
  const toggle = () =>
    patch.mutate(
      { paused: pausing },
      {
        onSuccess: (b) => {
          setOpen(false);
          toast.success(b.paused ? "Batch on hold: no outreach until resumed." : "Batch resumed: outreach continues inside the calling window.");
        },
        onError: (err) => toast.error(err.message),
      },
    );
  return (
    <>
      <Button variant={pausing ? "secondary" : "primary"} onClick={() => setOpen(true)} disabled={disabled}>
        {pausing ? "Pause" : "Resume"}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={toggle}
        busy={patch.isPending}
        title={pausing ? "Put the batch on hold?" : "Resume the batch?"}
        description={
          pausing
            ? "No outreach while on hold: nothing new is dialed until it is resumed. Calls already in progress finish."
            : "Outreach starts again at the batch's pace, inside the campaign's calling window (UTC)."
        }
        confirmLabel={pausing ? "Pause batch" : "Resume batch"}
      />
    </>
  );
}

function SettingsButton({ batch }: { batch: BatchDetailResponse }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Expiry &amp; rate
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Expiry and call rate" description="Times in UTC.">
        <SettingsForm batch={batch} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function SettingsForm({ batch, onDone }: { batch: BatchDetailResponse; onDone: () => void }) {
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
      onSubmit={handleSubmit((v) => save({ expires_on: v.expires_on ?? null, call_rate: v.call_rate ?? null, auto_call_rate: !!v.auto_call_rate }))}
    >
      <Field id="bs-expires" label="Expires on" hint="Must be in the future. Clear it for no expiry." error={errors.expires_on?.message}>
        <Controller
          control={control}
          name="expires_on"
          render={({ field }) => (
            <div className="flex items-center gap-2">
              <DateTimeUtcInput {...describedBy("bs-expires", errors.expires_on?.message)} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
              <Button variant="ghost" size="sm" onClick={() => field.onChange(null)}>
                Clear
              </Button>
            </div>
          )}
        />
      </Field>
      <AutoPacingField id="bs-auto" registration={register("auto_call_rate")} error={errors.auto_call_rate?.message} hasExpiry={!!expiry} />
      <Field id="bs-rate" label="Call rate per hour" hint={`${CALL_RATE_HINT}. Empty = inherit the campaign's rate${inherited ? ` (${inherited}/h)` : ""}.`} error={errors.call_rate?.message}>
        <Input type="number" min={1} max={MAX_CALL_RATE} {...describedBy("bs-rate", errors.call_rate?.message)} {...register("call_rate", { setValueAs: (v) => (v === "" || v === null ? null : Number(v)) })} />
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

/** The one-click answer to "won't finish before the expiry": let Syllable pace the batch to finish by it. */
export function TurnOnAutoPacingButton({ batchId }: { batchId: string }) {
  const patch = usePatchBatch(batchId);
  const turnOn = () =>
    patch.mutate(
      { auto_call_rate: true },
      {
        onSuccess: () => toast.success("Auto pacing on: Syllable paces the batch to finish by its expiry."),
        onError: (err) => toast.error(err.message),
      },
    );
  return (
    <Button size="sm" variant="secondary" busy={patch.isPending} onClick={turnOn}>
      Finish by the expiry automatically
    </Button>
  );
}

function DeleteButton({ batchId }: { batchId: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const remove = useDeleteBatch(batchId);
  const { register, handleSubmit, formState, setError, reset } = useForm<BatchDelete>({ resolver: zodResolver(batchDeleteSchema), defaultValues: { reason: "" } });
  const [typed, setTyped] = useState("");
  const submit = (v: BatchDelete) =>
    remove.mutate(v, {
      onSuccess: () => {
        toast.success(`Batch ${batchId} deleted.`);
        setOpen(false);
        router.push("/batches");
      },
      onError: (err) => applyApiError(err, setError, ["reason"]),
    });
  const close = () => {
    setOpen(false);
    setTyped("");
    reset();
  };
  const err = formState.errors.reason?.message;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog open={open} onClose={close} title={`Delete batch ${batchId}?`} description="Pending requests will not be dialed. This cannot be undone.">
        <form noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
          <Field id="del-reason" label="Reason" hint="Recorded with the deletion." error={err}>
            <Textarea rows={2} {...describedBy("del-reason", err)} {...register("reason")} />
          </Field>
          <Field id="del-confirm" label={<>Type <strong className="font-mono">{batchId}</strong> to confirm</>}>
            <Input id="del-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </Field>
          <FormActions submitLabel="Delete batch" busy={remove.isPending} onCancel={close} destructive disabled={typed !== batchId} />
        </form>
      </Dialog>
    </>
  );
}

function AddRequestButton({ batchId }: { batchId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add request
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add one request" description="One contact: a reference id, an E.164 target, and optional variables.">
        <AddRequestFormView batchId={batchId} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function AddRequestFormView({ batchId, onDone }: { batchId: string; onDone: () => void }) {
  const add = useAddRequest(batchId);
  const { register, control, handleSubmit, formState, setError } = useForm<AddRequestForm>({
    resolver: zodResolver(addRequestFormSchema),
    defaultValues: { reference_id: "", target: "", variables: [] },
  });
  const errors = formState.errors;
  const submit = (v: AddRequestForm) =>
    add.mutate(
      { reference_id: v.reference_id, target: v.target, request_variables: Object.fromEntries(v.variables.map((r) => [r.key.trim(), r.value])) },
      {
        onSuccess: (res) => {
          toast.success(`Request ${res.request?.reference_id ?? ""} added${res.request?.request_status ? ` (${res.request.request_status})` : ""}.`);
          onDone();
        },
        onError: (err) => applyApiError(err, setError, ["reference_id", "target", "variables", "request_variables"]),
      },
    );
  return (
    <form noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
      <Field id="ar-ref" label="Reference id" error={errors.reference_id?.message}>
        <Input {...describedBy("ar-ref", errors.reference_id?.message)} {...register("reference_id")} autoComplete="off" />
      </Field>
      <Field id="ar-target" label="Target" hint="E.164, e.g. +15125551234" error={errors.target?.message}>
        <Input {...describedBy("ar-target", errors.target?.message)} {...register("target")} inputMode="tel" autoComplete="off" />
      </Field>
      <KeyValueRows control={control} register={register} errors={errors} name="variables" legend="Variables" emptyText="No variables: the request is sent with the reference id and target only." />
      {errorAt(errors, "request_variables") && <p className="text-xs text-red-600">{errorAt(errors, "request_variables")}</p>}
      <FormActions submitLabel="Add request" busy={add.isPending} onCancel={onDone} />
    </form>
  );
}

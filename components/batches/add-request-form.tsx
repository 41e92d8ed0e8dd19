"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { errorAt } from "@/components/forms/field-errors";
import { KeyValueRows } from "@/components/forms/key-value-rows";
import { describedBy, Field, Input } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useAddRequest } from "@/lib/queries/batch-writes";
import { addRequestFormSchema, type AddRequestForm } from "@/lib/schemas/batches";
import { applyApiError } from "./api-form-errors";

/** The add-request form (loaded when its dialog opens: it brings the form library and the schemas). */
export function AddRequestFormView({ batchId, onDone }: { batchId: string; onDone: () => void }) {
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
      <KeyValueRows
        control={control}
        register={register}
        errors={errors}
        name="variables"
        legend="Variables"
        emptyText="No variables: the request is sent with the reference id and target only."
      />
      {errorAt(errors, "request_variables") && <p className="text-xs text-red-600">{errorAt(errors, "request_variables")}</p>}
      <FormActions submitLabel="Add request" busy={add.isPending} onCancel={onDone} />
    </form>
  );
}

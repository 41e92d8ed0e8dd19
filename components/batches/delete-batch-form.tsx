"use client";

// The delete form (loaded when its dialog opens: it brings the form library and the schemas).
// It unmounts when the dialog closes, so the reason and the typed id start empty each time.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useDeleteBatch } from "@/lib/queries/batch-writes";
import { batchDeleteSchema, type BatchDelete } from "@/lib/schemas/batches";
import { applyApiError } from "./api-form-errors";

export function DeleteBatchForm({ batchId, onDone }: { batchId: string; onDone: () => void }) {
  const router = useRouter();
  const remove = useDeleteBatch(batchId);
  const { register, handleSubmit, formState, setError } = useForm<BatchDelete>({ resolver: zodResolver(batchDeleteSchema), defaultValues: { reason: "" } });
  const [typed, setTyped] = useState("");
  const submit = (v: BatchDelete) =>
    remove.mutate(v, {
      onSuccess: () => {
        toast.success(`Batch ${batchId} deleted.`);
        onDone();
        router.push("/batches");
      },
      onError: (err) => applyApiError(err, setError, ["reason"]),
    });
  const err = formState.errors.reason?.message;
  return (
    <form noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
      <Field id="del-reason" label="Reason" hint="Recorded with the deletion." error={err}>
        <Textarea rows={2} {...describedBy("del-reason", err)} {...register("reason")} />
      </Field>
      <Field
        id="del-confirm"
        label={
          <>
            Type <strong className="font-mono">{batchId}</strong> to confirm
          </>
        }
      >
        <Input id="del-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </Field>
      <FormActions submitLabel="Delete batch" busy={remove.isPending} onCancel={onDone} destructive disabled={typed !== batchId} />
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useDeleteBatch } from "@/lib/queries/batch-writes";
import { batchDeleteSchema, type BatchDelete } from "@/lib/schemas/batches";
import { applyApiError } from "./api-form-errors";

/** Delete, with a reason and the batch id typed to confirm. */
export function DeleteButton({ batchId }: { batchId: string }) {
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

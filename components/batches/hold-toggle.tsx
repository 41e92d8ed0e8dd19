"use client";

import { useId, useState } from "react";
import { Field, Input } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePatchBatch } from "@/lib/queries/batch-writes";
import type { BatchDetailResponse } from "@/lib/schemas/batches";

/** Pause (put on hold) or resume, after a confirmation that says what it means. */
export function HoldToggle({ batch, disabled }: { batch: BatchDetailResponse; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const pausing = !batch.paused;
  const patch = usePatchBatch(batch.batch_id);
  const toggle = () =>
    patch.mutate(
      // The reason is for the audit log: supervisors reading it later learn why the batch stopped.
      reason.trim() ? { paused: pausing, reason: reason.trim() } : { paused: pausing },
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
      >
        <Field id={reasonId} label="Reason (optional)" hint="Kept in the audit log.">
          <Input
            id={reasonId}
            aria-describedby={`${reasonId}-hint`}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            placeholder={pausing ? "e.g. complaint about the script" : "e.g. script fixed"}
          />
        </Field>
      </ConfirmDialog>
    </>
  );
}

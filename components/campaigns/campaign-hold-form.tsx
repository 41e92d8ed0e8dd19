"use client";

// Stop/resume campaign's confirmation (loaded when its dialog opens): a required reason, then
// each batch's outcome.
import { useState } from "react";
import { BulkResults, bulkSummary } from "@/components/batches/bulk-results";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { ApiClientError } from "@/lib/queries/api-fetch";
import { useCampaignHold } from "@/lib/queries/batch-writes";
import type { BulkResult } from "@/lib/schemas/batches";

export function CampaignHoldForm({ campaignId, which, onDone }: { campaignId: number; which: "stop" | "resume"; onDone: () => void }) {
  const hold = useCampaignHold(campaignId, which);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string[]>([]);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const verb = which === "stop" ? "pause" : "resume";

  const nothing =
    which === "stop" ? "No batch of this campaign is running: nothing was put on hold." : "No batch is on hold from Stop campaign: nothing to resume.";
  if (results) return <BulkResults results={results} verb={verb} empty={nothing} onDone={onDone} />;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setFormError([]);
    if (reason.trim().length < 3) {
      setError("Give a reason (at least 3 characters)");
      return;
    }
    hold.mutate(reason.trim(), {
      onSuccess: (res) => {
        setResults(res.results);
        const failed = res.results.some((r) => !r.ok);
        (failed ? toast.warning : toast.success)(res.results.length ? bulkSummary(res.results, verb) : nothing);
      },
      onError: (err) => {
        if (err instanceof ApiClientError && err.fields.reason) setError(err.fields.reason);
        else setFormError([err.message]);
      },
    });
  };
  return (
    <form noValidate className="space-y-4" onSubmit={submit}>
      <Field id="hold-reason" label="Reason" hint="Recorded in the audit log with each batch." error={error}>
        <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy("hold-reason", error)} />
      </Field>
      <FormErrorAlert messages={formError} />
      <FormActions
        submitLabel={which === "stop" ? "Stop campaign" : "Resume campaign"}
        busy={hold.isPending}
        onCancel={onDone}
        destructive={which === "stop"}
      />
    </form>
  );
}

"use client";

// The confirmation of a bulk action on the batch list (loaded when its dialog opens): names every
// selected batch, takes a reason (and the new expiry), then shows each batch's outcome.
import { useState } from "react";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { toast } from "@/components/ui/toast";
import { UpstreamText } from "@/components/ui/upstream-text";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { ApiClientError } from "@/lib/queries/api-fetch";
import { useBulkBatches } from "@/lib/queries/batch-writes";
import type { BulkResult } from "@/lib/schemas/batches";
import { BulkResults, bulkSummary } from "./bulk-results";
import { DateTimeUtcInput } from "./datetime-utc-input";

export type BulkAction = "pause" | "resume" | "expire";
const VERB: Record<BulkAction, string> = { pause: "pause", resume: "resume", expire: "update" };
const LABEL: Record<BulkAction, string> = { pause: "Pause", resume: "Resume", expire: "Set expiry" };

export function BulkActionForm({ action, batchIds, onDone }: { action: BulkAction; batchIds: string[]; onDone: (changed: boolean) => void }) {
  const bulk = useBulkBatches();
  const [reason, setReason] = useState("");
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string[]>([]);

  if (results) return <BulkResults results={results} verb={VERB[action]} onDone={() => onDone(true)} />;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFields({});
    setFormError([]);
    bulk.mutate(
      {
        action,
        batch_ids: batchIds,
        ...(action === "expire" && expiresOn ? { expires_on: expiresOn } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      },
      {
        onSuccess: (res) => {
          setResults(res.results);
          const failed = res.results.some((r) => !r.ok);
          (failed ? toast.warning : toast.success)(bulkSummary(res.results, VERB[action]));
        },
        onError: (err) => {
          if (err instanceof ApiClientError && Object.keys(err.fields).length) setFields(err.fields);
          else setFormError([err.message]);
        },
      },
    );
  };
  const expiryError = fields.expires_on;
  return (
    <form noValidate className="space-y-4" onSubmit={submit}>
      <div>
        <p className="text-sm font-medium text-slate-700">
          {batchIds.length} {batchIds.length === 1 ? "batch" : "batches"}:
        </p>
        <ul className="mt-1 max-h-40 overflow-auto rounded-md border border-slate-200 p-2 font-mono text-xs" aria-label="Selected batches">
          {batchIds.map((id) => (
            <li key={id}>
              <UpstreamText value={id} compact />
            </li>
          ))}
        </ul>
      </div>
      {action === "expire" && (
        <Field id="bulk-expiry" label="New expiry" error={expiryError}>
          <DateTimeUtcInput value={expiresOn} onChange={setExpiresOn} {...describedBy("bulk-expiry", expiryError)} />
        </Field>
      )}
      <Field id="bulk-reason" label="Reason (optional)" hint="Recorded in the audit log with each batch." error={fields.reason}>
        <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy("bulk-reason", fields.reason)} />
      </Field>
      <FormErrorAlert
        messages={[
          ...formError,
          ...Object.entries(fields)
            .filter(([k]) => k !== "expires_on" && k !== "reason")
            .map(([, v]) => v),
        ]}
      />
      <FormActions
        submitLabel={`${LABEL[action]} ${batchIds.length} ${batchIds.length === 1 ? "batch" : "batches"}`}
        busy={bulk.isPending}
        onCancel={() => onDone(false)}
      />
    </form>
  );
}

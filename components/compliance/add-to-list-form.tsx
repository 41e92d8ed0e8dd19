"use client";

// Opt-outs from results: the numbers of one result, or of every result the table's filter
// matches (e.g. each whose outcome says the person asked not to be called), put on a list.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { suppressionListsQueryOptions, useSuppressionWrites, type FromResults } from "@/lib/queries/suppression";
import type { SuppressionReport } from "@/lib/schemas/suppression";
import { ReportView } from "./number-forms";

export function AddToListForm({ fromResults, what, onDone }: { fromResults: FromResults; what: string; onDone: () => void }) {
  const lists = useQuery(suppressionListsQueryOptions());
  const { addNumbers } = useSuppressionWrites();
  const [listId, setListId] = useState("");
  const [reason, setReason] = useState("Asked not to be called");
  const errors = useApiErrors();
  const [report, setReport] = useState<SuppressionReport | null>(null);
  if (report) return <ReportView report={report} onDone={onDone} />;
  const items = lists.data?.items ?? [];
  const chosen = listId || String(items[0]?.id ?? "");
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        addNumbers.mutateAsync({ id: Number(chosen), from_results: fromResults, reason }).then((r) => {
          toast.success(`${r.added.toLocaleString("en-US")} number${r.added === 1 ? "" : "s"} added to the list.`);
          setReport(r);
        }, errors.show);
      }}
    >
      <p className="text-sm">
        The numbers of {what} go on the list: they are never called again by the campaigns it applies to, and queued requests for them are removed within a
        minute.
      </p>
      <FormErrorAlert messages={errors.form} />
      {!lists.isPending && !items.length ? (
        <p className="text-sm text-slate-600">
          There is no suppression list yet:{" "}
          <Link href="/compliance" className="text-indigo-700 hover:underline">
            make one
          </Link>{" "}
          first.
        </p>
      ) : (
        <Field id="suppress-list" label="List" error={errors.fields.numbers}>
          <Select {...describedBy("suppress-list", errors.fields.numbers)} value={chosen} onChange={(e) => setListId(e.target.value)}>
            {items.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field id="suppress-reason" label="Reason" error={errors.fields.reason}>
        <Input {...describedBy("suppress-reason", errors.fields.reason)} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Field>
      <FormActions submitLabel="Add to list" busy={addNumbers.isPending} disabled={!chosen} onCancel={onDone} />
    </form>
  );
}

"use client";

// A suppression list's name, description and whom it applies to: new, or changed.
import { useState } from "react";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { useSuppressionWrites } from "@/lib/queries/suppression";
import type { SuppressionListInfo } from "@/lib/schemas/suppression";

export function ListForm({ list, onDone }: { list?: SuppressionListInfo; onDone: () => void }) {
  const { create, update } = useSuppressionWrites();
  const [name, setName] = useState(list?.name ?? "");
  const [description, setDescription] = useState(list?.description ?? "");
  const [appliesTo, setAppliesTo] = useState<"all" | "assigned">(list?.applies_to ?? "assigned");
  const errors = useApiErrors();
  const write = list ? update : create;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        const body = { name, description, applies_to: appliesTo };
        (list ? update.mutateAsync({ id: list.id, ...body }) : create.mutateAsync(body)).then((saved) => {
          toast.success(list ? `Saved "${saved.name}".` : `Made the list "${saved.name}".`);
          onDone();
        }, errors.show);
      }}
    >
      <FormErrorAlert messages={errors.form} />
      <Field id="list-name" label="Name" error={errors.fields.name}>
        <Input {...describedBy("list-name", errors.fields.name)} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </Field>
      <Field id="list-description" label="Description" hint="What is on it and why (optional)" error={errors.fields.description}>
        <Textarea
          {...describedBy("list-description", errors.fields.description)}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
        />
      </Field>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Applies to</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="applies_to" checked={appliesTo === "assigned"} onChange={() => setAppliesTo("assigned")} />
          The campaigns it is assigned to (on each campaign&apos;s page)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="applies_to" checked={appliesTo === "all"} onChange={() => setAppliesTo("all")} />
          Every campaign
        </label>
      </fieldset>
      <FormActions submitLabel={list ? "Save" : "Make list"} busy={write.isPending} disabled={!name.trim()} onCancel={onDone} />
    </form>
  );
}

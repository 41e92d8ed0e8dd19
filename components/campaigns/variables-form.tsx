"use client";

import { KeyValueRows } from "@/components/forms/key-value-rows";
import { variablesFormDefaults, variablesFormSchema, variablesPatchFrom } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { useCampaignEditor } from "./use-campaign-editor";

/** Campaign variables (managers and admins): the whole set is sent when any name or value changed. */
export function VariablesForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { form, onSubmit, header, footer } = useCampaignEditor({
    campaign,
    schema: variablesFormSchema,
    defaults: variablesFormDefaults,
    patchFrom: variablesPatchFrom,
    fields: ["campaign_variables"],
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Campaign variables">
      {header}
      <KeyValueRows
        control={form.control}
        register={form.register}
        errors={form.formState.errors}
        name="campaign_variables"
        legend="Campaign variables"
        emptyText="No variables."
      />
      {footer("Save variables")}
    </form>
  );
}

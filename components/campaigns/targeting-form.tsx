"use client";

import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { errorAt } from "@/components/forms/field-errors";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { FILTER_OPS, LINE_TYPE_BUCKETS } from "@/lib/domain/campaign-fields";
import { targetingFormDefaults, targetingFormSchema, targetingPatchFrom, type TargetingFormValues } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { useCampaignEditor } from "./use-campaign-editor";

const OP_LABELS: Record<(typeof FILTER_OPS)[number], string> = {
  in: "is one of",
  not_in: "is none of",
  eq: "equals",
  neq: "does not equal",
  exists: "is known",
  not_exists: "is unknown",
};
/** Enrichment attributes Syllable documents; any other key of the lookup payload works too. */
const KNOWN_ATTRIBUTES = ["line_type", "carrier_name", "mcc", "mnc"];

/**
 * Targeting (admins): the line-type buckets to dial and, taking precedence when set, target
 * filters over the numbers' lookup data.
 */
export function TargetingForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { form, onSubmit, header, footer } = useCampaignEditor({
    campaign,
    schema: targetingFormSchema,
    defaults: targetingFormDefaults,
    patchFrom: targetingPatchFrom,
    // The form checks what the server checks; a server error (rare) goes to the alert at the top.
    fields: [],
    onDone,
  });
  const { register, control } = form;
  const useFilters = useWatch({ control, name: "use_filters" });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Targeting">
      {header}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Allowed line types</legend>
        <p className="text-xs text-slate-500">None ticked: every line type is dialed.</p>
        <div className="flex flex-wrap gap-4">
          {LINE_TYPE_BUCKETS.map((t) => (
            <label key={t} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" value={t} className="h-4 w-4" {...register("allowed_line_types")} />
              {t}
            </label>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" {...register("include_unknown_line_types")} />
          Also dial numbers whose line type is unknown
        </label>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Target filters</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" role="switch" className="h-4 w-4" {...register("use_filters")} />
          Use target filters (they take precedence over the line types above)
        </label>
        {useFilters && <FilterRules form={form} />}
      </fieldset>
      {footer("Save targeting")}
    </form>
  );
}

function FilterRules({ form }: { form: UseFormReturn<TargetingFormValues> }) {
  const { register, control, formState } = form;
  const rules = useFieldArray({ control, name: "rules" });
  const ops = useWatch({ control, name: "rules" }) ?? [];
  const err = (path: string) => errorAt(formState.errors, path);
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="tf-match" label="Dial a number when it matches">
          <Select id="tf-match" {...register("match")}>
            <option value="all">all of the rules</option>
            <option value="any">any of the rules</option>
          </Select>
        </Field>
        <Field id="tf-unknown" label="Numbers without lookup data">
          <Select id="tf-unknown" {...register("on_unknown")}>
            <option value="include">are dialed</option>
            <option value="exclude">are skipped</option>
          </Select>
        </Field>
      </div>
      {rules.fields.length === 0 && <p className="text-sm text-slate-500">No rules: every number is dialed.</p>}
      <datalist id="tf-attributes">
        {KNOWN_ATTRIBUTES.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      {rules.fields.map((row, i) => {
        const op = ops[i]?.op ?? "in";
        const n = i + 1;
        return (
          <fieldset key={row.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_10rem_1.5fr_auto]">
            <legend className="sr-only">Rule {n}</legend>
            <Field id={`rule-${i}-field`} label={`Attribute of rule ${n}`} error={err(`rules.${i}.field`)}>
              <Input
                list="tf-attributes"
                {...describedBy(`rule-${i}-field`, err(`rules.${i}.field`))}
                {...register(`rules.${i}.field`)}
                placeholder="line_type"
              />
            </Field>
            <Field id={`rule-${i}-op`} label={`Comparison of rule ${n}`}>
              <Select id={`rule-${i}-op`} {...register(`rules.${i}.op`)}>
                {FILTER_OPS.map((o) => (
                  <option key={o} value={o}>
                    {OP_LABELS[o]}
                  </option>
                ))}
              </Select>
            </Field>
            {op === "exists" || op === "not_exists" ? (
              <p className="self-center text-xs text-slate-500">No values needed.</p>
            ) : (
              <Field
                id={`rule-${i}-values`}
                label={`Values of rule ${n}`}
                hint={op === "eq" || op === "neq" ? "One value." : "One value per line."}
                error={err(`rules.${i}.values_text`)}
              >
                <Textarea rows={2} {...describedBy(`rule-${i}-values`, err(`rules.${i}.values_text`))} {...register(`rules.${i}.values_text`)} />
              </Field>
            )}
            <Button variant="secondary" size="sm" className="self-end" onClick={() => rules.remove(i)}>
              Remove rule {n}
            </Button>
          </fieldset>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => rules.append({ field: "", op: "in", values_text: "" })} disabled={rules.fields.length >= 50}>
        Add rule
      </Button>
    </div>
  );
}

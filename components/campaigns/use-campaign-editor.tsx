"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { applyFieldErrors } from "@/components/forms/field-errors";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { FormActions } from "@/components/ui/form-actions";
import { toast } from "@/components/ui/toast";
import type { CampaignPatch } from "@/lib/schemas/campaigns";
import type { Campaign } from "@/lib/schemas/syllable";
import { useCampaignPatch } from "./use-campaign-patch";

type Changes = Partial<Omit<CampaignPatch, "expected_updated_at">>;

/**
 * One campaign editor (a section of the campaign page): its form, opened on one version of the
 * campaign, sending only the fields that changed through the safe update (409 on a stale
 * version, with "reload theirs" / "overwrite with mine"). Each section supplies its own schema,
 * starting values and diff; this hook does the rest the same way for all of them.
 */
export function useCampaignEditor<V extends FieldValues>({
  campaign,
  schema,
  defaults,
  patchFrom,
  fields,
  onDone,
}: {
  campaign: Campaign;
  schema: z.ZodType<V, V>;
  defaults: (c: Campaign) => V;
  patchFrom: (initial: V, values: V) => Changes;
  /** Form paths that server field errors may land on (prefixes cover their sub-paths). */
  fields: readonly string[];
  onDone: () => void;
}) {
  const [base, setBase] = useState(campaign);
  const [initial, setInitial] = useState(() => defaults(campaign));
  const [formError, setFormError] = useState<string[]>([]);
  const form = useForm<V>({ resolver: zodResolver(schema) as unknown as Resolver<V>, defaultValues: initial as DefaultValues<V>, mode: "onTouched" });
  const { mutation, save, conflictNotice, reasonField } = useCampaignPatch(
    base,
    () => onDone(),
    (e) => setFormError(applyFieldErrors(e, form.setError, fields)),
  );

  const onSubmit = form.handleSubmit((values) => {
    setFormError([]);
    const changes = patchFrom(initial, values);
    if (Object.keys(changes).length === 0) {
      toast.info("Nothing changed.");
      onDone();
      return;
    }
    save(changes);
  });

  /** The conflict notice and the alert for errors that fit no field: at the top of the form. */
  const header: ReactNode = (
    <>
      {conflictNotice((current, clash) => {
        // Their version becomes the one the form is opened on; the form keeps every edit of
        // yours except the clashing fields, which take their values (see mergeFormValues).
        const next = defaults(current);
        const merged = mergeFormValues(initial, form.getValues(), next, clash);
        setBase(current);
        setInitial(next);
        form.reset(merged);
      })}
      <FormErrorAlert messages={formError} />
    </>
  );
  /** The reason field, Cancel and Save: at the foot of the form. */
  const footer = (submitLabel: string): ReactNode => (
    <>
      {reasonField}
      <FormActions submitLabel={submitLabel} busy={mutation.isPending} onCancel={onDone} />
    </>
  );
  return { form, onSubmit, header, footer, initial };
}

/**
 * A three-way merge of form values: `opened` (what the form started from), `mine` (what is typed
 * now) and `theirs` (the version now stored). A field I did not touch takes theirs; a field I
 * changed keeps mine, unless it is one of `takeTheirs` (the clashing fields I chose to give up).
 */
export function mergeFormValues<V extends FieldValues>(opened: V, mine: V, theirs: V, takeTheirs: readonly string[]): V {
  const out: Record<string, unknown> = { ...theirs };
  for (const key of Object.keys(mine)) {
    const touched = JSON.stringify(mine[key]) !== JSON.stringify(opened[key]);
    if (touched && !takeTheirs.includes(key)) out[key] = mine[key];
  }
  return out as V;
}

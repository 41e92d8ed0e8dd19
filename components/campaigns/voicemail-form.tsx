"use client";

import { FormActions } from "@/components/ui/form-actions";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { VOICEMAIL_BOUNDS, type VoicemailDetectionPatch } from "@/lib/schemas/campaigns";
import { voicemailFormSchema, type VoicemailFormValues } from "@/lib/schemas/campaign-forms";
import type { Campaign } from "@/lib/schemas/syllable";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { applyFieldErrors } from "@/components/forms/field-errors";
import { useCampaignPatch } from "./use-campaign-patch";

type Inputs = {
  enabled: boolean;
  voicemail_detection: {
    mode: "v1" | "v2";
    voicemail_detection_overall_timeout: number;
    voicemail_detection_pre_speech_timeout: number;
    voicemail_detection_post_speech_timeout: number;
    voicemail_detection_speech_threshold: number;
    voicemail_detection_v2_pre_speech_timeout: number | null;
  };
};
type NumberKey = Exclude<keyof Inputs["voicemail_detection"], "mode" | "voicemail_detection_v2_pre_speech_timeout">;
const V2_KEY = "voicemail_detection_v2_pre_speech_timeout";
const KEYS = [
  "mode",
  "voicemail_detection_overall_timeout",
  "voicemail_detection_pre_speech_timeout",
  "voicemail_detection_post_speech_timeout",
  "voicemail_detection_speech_threshold",
  V2_KEY,
] as const;

// Used when detection is turned on for a campaign that has no values yet (Syllable's documented example).
const DEFAULTS: Inputs["voicemail_detection"] = {
  mode: "v2",
  voicemail_detection_overall_timeout: 30,
  voicemail_detection_pre_speech_timeout: 3.5,
  voicemail_detection_post_speech_timeout: 1.75,
  voicemail_detection_speech_threshold: 0.6,
  voicemail_detection_v2_pre_speech_timeout: null,
};

function defaultsFrom(c: Campaign): Inputs {
  const vd = c.voicemail_detection;
  const num = (k: NumberKey) => (typeof vd?.[k] === "number" ? vd[k] : DEFAULTS[k]);
  return {
    enabled: !!vd,
    voicemail_detection: {
      mode: vd?.mode === "v1" || vd?.mode === "v2" ? vd.mode : vd ? "v1" : DEFAULTS.mode, // null mode on a legacy config means v1
      voicemail_detection_overall_timeout: num("voicemail_detection_overall_timeout"),
      voicemail_detection_pre_speech_timeout: num("voicemail_detection_pre_speech_timeout"),
      voicemail_detection_post_speech_timeout: num("voicemail_detection_post_speech_timeout"),
      voicemail_detection_speech_threshold: num("voicemail_detection_speech_threshold"),
      [V2_KEY]: typeof vd?.[V2_KEY] === "number" ? vd[V2_KEY] : null,
    },
  };
}

const NUMBER_FIELDS: Array<{ key: NumberKey; label: string; hint: string }> = [
  { key: "voicemail_detection_overall_timeout", label: "Overall timeout (s)", hint: "The longest the detector listens before deciding." },
  {
    key: "voicemail_detection_pre_speech_timeout",
    label: "Pre-speech timeout (s)",
    hint: "Silence allowed before anyone speaks; not more than the overall timeout.",
  },
  {
    key: "voicemail_detection_post_speech_timeout",
    label: "Post-speech timeout (s)",
    hint: "Silence after speech that ends the greeting; not more than the overall timeout.",
  },
  { key: "voicemail_detection_speech_threshold", label: "Speech threshold (s)", hint: "Continuous speech longer than this counts as a recorded greeting." },
];

/** Voicemail detection (admins only; the API refuses others with 403). Edits merge into the stored config. */
export function VoicemailForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const [base, setBase] = useState(campaign);
  const [formError, setFormError] = useState<string[]>([]);
  const form = useForm<Inputs, unknown, VoicemailFormValues>({
    resolver: zodResolver(voicemailFormSchema) as unknown as Resolver<Inputs, unknown, VoicemailFormValues>,
    defaultValues: defaultsFrom(campaign),
    mode: "onTouched",
  });
  const { register, handleSubmit, formState, setError, reset, control } = form;
  const enabled = useWatch({ control, name: "enabled" });
  const mode = useWatch({ control, name: "voicemail_detection.mode" });
  const { mutation, save, conflictNotice, reasonField } = useCampaignPatch(
    base,
    () => onDone(),
    (e) => setFormError(applyFieldErrors(e, setError, ["voicemail_detection", ...KEYS.map((k) => `voicemail_detection.${k}`)])),
  );
  const errors = formState.errors.voicemail_detection;

  const onSubmit = handleSubmit((values) => {
    setFormError([]);
    let change: VoicemailDetectionPatch | null;
    if (!values.enabled) {
      if (!base.voicemail_detection) return toastNothing(onDone);
      change = null;
    } else {
      const current = base.voicemail_detection;
      const next: Record<string, unknown> = {};
      for (const k of KEYS) {
        const value = values.voicemail_detection[k] ?? null;
        // The v2 timeout is only edited (and sent) in v2 mode; an empty field leaves it unset.
        if (k === V2_KEY && (values.voicemail_detection.mode !== "v2" || (value === null && current?.[k] == null))) continue;
        if (!current || current[k] !== value) next[k] = value;
      }
      if (Object.keys(next).length === 0) return toastNothing(onDone);
      change = next as VoicemailDetectionPatch;
    }
    save({ voicemail_detection: change });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Voicemail detection settings">
      {conflictNotice((current) => {
        setBase(current);
        reset(defaultsFrom(current));
      })}
      <FormErrorAlert messages={formError} />
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input type="checkbox" role="switch" className="h-4 w-4" {...register("enabled")} />
        Detect voicemail
      </label>
      {enabled ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="vd-mode"
            label="Mode"
            hint="v1: check and leave voicemail. v2: suppresses the first greeting and uses the greeting tool."
            error={errors?.mode?.message}
          >
            <Select {...describedBy("vd-mode", errors?.mode?.message)} {...register("voicemail_detection.mode")}>
              <option value="v1">v1</option>
              <option value="v2">v2</option>
            </Select>
          </Field>
          {NUMBER_FIELDS.map(({ key, label, hint }) => {
            const msg = errors?.[key]?.message;
            const b = VOICEMAIL_BOUNDS[key];
            return (
              <Field key={key} id={`vd-${key}`} label={label} hint={`${hint} ${b.min}–${b.max} s.`} error={msg}>
                <Input
                  type="number"
                  step="any"
                  min={b.min}
                  max={b.max}
                  {...describedBy(`vd-${key}`, msg)}
                  {...register(`voicemail_detection.${key}`, { valueAsNumber: true })}
                />
              </Field>
            );
          })}
          {mode === "v2" && (
            <Field
              id={`vd-${V2_KEY}`}
              label="Pre-speech timeout for v2 (s)"
              hint={`Silence the v2 detector allows before anyone speaks; empty uses Syllable's default. ${VOICEMAIL_BOUNDS[V2_KEY].min}–${VOICEMAIL_BOUNDS[V2_KEY].max} s.`}
              error={errors?.[V2_KEY]?.message}
            >
              <Input
                type="number"
                step="any"
                min={VOICEMAIL_BOUNDS[V2_KEY].min}
                max={VOICEMAIL_BOUNDS[V2_KEY].max}
                {...describedBy(`vd-${V2_KEY}`, errors?.[V2_KEY]?.message)}
                {...register(`voicemail_detection.${V2_KEY}`, { setValueAs: (v) => (v === "" || v === null ? null : Number(v)) })}
              />
            </Field>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Voicemail detection is off: calls are not screened for answering machines.</p>
      )}
      {reasonField}
      <FormActions submitLabel="Save voicemail detection" busy={mutation.isPending} onCancel={onDone} />
    </form>
  );
}

function toastNothing(onDone: () => void) {
  toast.info("Nothing changed.");
  onDone();
}

"use client";

// The recipients' calling-hours policy (Compliance page): everyone reads it; admins change it.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { QueryProblem } from "@/components/ui/query-problem";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { DAYS_OF_WEEK } from "@/lib/domain/syllable-values";
import { callingHoursQueryOptions, useCallingHoursWrite, type CallingHoursView } from "@/lib/queries/schedule";

const daysText = (days: readonly string[]) => (days.length === 7 ? "every day" : days.join(", "));

export function CallingHours({ isAdmin }: { isAdmin: boolean }) {
  const query = useQuery(callingHoursQueryOptions());
  const [editing, setEditing] = useState(false);
  const p = query.data;
  return (
    <div className="space-y-2 text-sm" data-testid="calling-hours">
      <QueryProblem query={query} what="The calling hours" />
      {p && !editing && (
        <>
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={p.enabled ? "green" : "gray"}>{p.enabled ? "On for every voice batch" : "Off (only batches that turn them on)"}</Badge>
            Recipients are called {p.default_hours.start}-{p.default_hours.end} their local time, {daysText(p.default_hours.days)}
            {p.no_holidays ? ", not on public holidays" : ""}. Numbers whose zone is unknown count as {p.default_zone}.
          </p>
          {p.rules.length > 0 && (
            <ul className="list-inside list-disc">
              {p.rules.map((r, i) => (
                <li key={i}>
                  {r.state ?? r.time_zone}: {r.start}-{r.end}, {daysText(r.days)}
                  {r.no_holidays ? ", not on public holidays" : ""}
                </li>
              ))}
            </ul>
          )}
          {isAdmin && (
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
              Edit calling hours
            </Button>
          )}
        </>
      )}
      {p && editing && <CallingHoursForm policy={p} onDone={() => setEditing(false)} />}
    </div>
  );
}

type Rule = CallingHoursView["rules"][number];

function CallingHoursForm({ policy, onDone }: { policy: CallingHoursView; onDone: () => void }) {
  const write = useCallingHoursWrite();
  const errors = useApiErrors();
  const [enabled, setEnabled] = useState(policy.enabled);
  const [start, setStart] = useState(policy.default_hours.start);
  const [end, setEnd] = useState(policy.default_hours.end);
  const [noHolidays, setNoHolidays] = useState(policy.no_holidays);
  const [zone, setZone] = useState(policy.default_zone);
  const [rules, setRules] = useState<Rule[]>(policy.rules);
  const f = errors.fields;
  const setRule = (i: number, patch: Partial<Rule>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      noValidate
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-label="Calling hours"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        write
          .mutateAsync({ enabled, default_hours: { start, end, days: policy.default_hours.days }, rules, no_holidays: noHolidays, default_zone: zone })
          .then(() => {
            toast.success("Calling hours saved: the scheduler applies them within seconds.");
            onDone();
          }, errors.show);
      }}
    >
      <FormErrorAlert messages={errors.form} />
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> On for every voice batch
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="hours-start" label="From (local)" error={f["default_hours.start"]}>
          <Input {...describedBy("hours-start", f["default_hours.start"])} type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field id="hours-end" label="To (local)" error={f["default_hours.end"]}>
          <Input {...describedBy("hours-end", f["default_hours.end"])} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
        </Field>
        <Field id="hours-zone" label="Zone of unknown numbers" error={f.default_zone}>
          <Input {...describedBy("hours-zone", f.default_zone)} value={zone} onChange={(e) => setZone(e.target.value)} />
        </Field>
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={noHolidays} onChange={(e) => setNoHolidays(e.target.checked)} /> No calls on the recipient&apos;s public holidays
      </label>
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-700">Rules by US state or time zone (the first that matches wins)</legend>
        {rules.map((r, i) => (
          <div key={i} className="grid items-end gap-2 sm:grid-cols-[6rem_1fr_7rem_7rem_auto]">
            <Field id={`rule-${i}-state`} label="State" error={f[`rules.${i}.state`] ?? f[`rules.${i}`]}>
              <Input
                {...describedBy(`rule-${i}-state`)}
                value={r.state ?? ""}
                onChange={(e) => setRule(i, { state: e.target.value || undefined })}
                maxLength={2}
              />
            </Field>
            <Field id={`rule-${i}-zone`} label="or time zone" error={f[`rules.${i}.time_zone`]}>
              <Input {...describedBy(`rule-${i}-zone`)} value={r.time_zone ?? ""} onChange={(e) => setRule(i, { time_zone: e.target.value || undefined })} />
            </Field>
            <Field id={`rule-${i}-start`} label="From" error={f[`rules.${i}.start`]}>
              <Input {...describedBy(`rule-${i}-start`)} type="time" value={r.start} onChange={(e) => setRule(i, { start: e.target.value })} />
            </Field>
            <Field id={`rule-${i}-end`} label="To" error={f[`rules.${i}.end`]}>
              <Input {...describedBy(`rule-${i}-end`)} type="time" value={r.end} onChange={(e) => setRule(i, { end: e.target.value })} />
            </Field>
            <Button size="sm" variant="ghost" className="mb-5" onClick={() => setRules(rules.filter((_, j) => j !== i))} aria-label={`Remove rule ${i + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        <Button size="sm" variant="secondary" onClick={() => setRules([...rules, { state: "", start: "08:00", end: "20:00", days: [...DAYS_OF_WEEK] }])}>
          Add a rule
        </Button>
      </fieldset>
      <FormActions submitLabel="Save calling hours" busy={write.isPending} onCancel={onDone} />
    </form>
  );
}

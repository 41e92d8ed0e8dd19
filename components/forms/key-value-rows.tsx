"use client";

import {
  useFieldArray,
  type ArrayPath,
  type Control,
  type FieldArray,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormRegister,
} from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { errorAt } from "./field-errors";

/**
 * Editable name/value rows (request variables, campaign variables) bound to a react-hook-form
 * field array of `{ key, value }`. Each input has an accessible name and its own error.
 */
export function KeyValueRows<T extends FieldValues>({
  control,
  register,
  errors,
  name,
  legend,
  emptyText = "None yet.",
}: {
  control: Control<T>;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  name: ArrayPath<T>;
  legend: string;
  emptyText?: string;
}) {
  const rows = useFieldArray({ control, name });
  const listError = errorAt(errors, `${name}.root`) ?? errorAt(errors, name);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {rows.fields.length === 0 && <p className="text-xs text-slate-500">{emptyText}</p>}
      {rows.fields.map((f, i) => {
        const keyPath = `${name}.${i}.key` as Path<T>;
        const valuePath = `${name}.${i}.value` as Path<T>;
        const keyError = errorAt(errors, keyPath);
        const valueError = errorAt(errors, valuePath);
        return (
          <div key={f.id} className="grid grid-cols-[1fr_2fr_auto] items-start gap-2">
            <div>
              <Input
                aria-label={`Variable ${i + 1} name`}
                placeholder="name"
                autoComplete="off"
                aria-invalid={keyError ? true : undefined}
                {...register(keyPath)}
              />
              {keyError && <p className="mt-1 text-xs text-red-600">{keyError}</p>}
            </div>
            <div>
              <Input
                aria-label={`Variable ${i + 1} value`}
                placeholder="value"
                autoComplete="off"
                aria-invalid={valueError ? true : undefined}
                {...register(valuePath)}
              />
              {valueError && <p className="mt-1 text-xs text-red-600">{valueError}</p>}
            </div>
            <Button variant="ghost" size="sm" aria-label={`Remove variable ${i + 1}`} onClick={() => rows.remove(i)}>
              Remove
            </Button>
          </div>
        );
      })}
      <p className="text-xs text-red-600" aria-live="polite">
        {listError}
      </p>
      <Button variant="secondary" size="sm" onClick={() => rows.append({ key: "", value: "" } as FieldArray<T, ArrayPath<T>>)}>
        Add variable
      </Button>
    </fieldset>
  );
}

"use client";

import type { FieldValues, UseFormSetError } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { applyFieldErrors } from "@/components/forms/field-errors";
import { ApiClientError } from "@/lib/queries/api-fetch";

/** Puts an /api error's field errors on the form, its sentence above the fields, and toasts what fits nowhere. */
export function applyApiError<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, known: ReadonlyArray<string>): void {
  const leftover = applyFieldErrors(err, setError, known);
  const matchedSome = err instanceof ApiClientError && Object.keys(err.fields).length > leftover.length;
  if (matchedSome) setError("root.server", { type: "server", message: err.message });
  if (leftover.length) toast.error(leftover.join(" "));
}

"use client";

import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { ApiClientError } from "@/lib/queries/api-fetch";

/** Puts an /api error's field errors on the form (setError) and toasts the rest. */
export function applyApiError<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, known: ReadonlyArray<string>): void {
  if (err instanceof ApiClientError) {
    let shown = false;
    for (const [field, message] of Object.entries(err.fields)) {
      const name = known.find((k) => field === k || field.startsWith(`${k}.`));
      if (name) {
        setError(name as Path<T>, { type: "server", message });
        shown = true;
      }
    }
    if (!shown || Object.keys(err.fields).length === 0) toast.error(err.message);
    else setError("root.server" as Path<T>, { type: "server", message: err.message });
    return;
  }
  toast.error(err instanceof Error ? err.message : "Something went wrong.");
}

"use client";

import { get, type FieldErrors, type FieldValues, type Path, type UseFormSetError } from "react-hook-form";
import { ApiClientError } from "@/lib/queries/api-fetch";

/** The message of the error at a form path ("campaign_variables.0.key"), if any. */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  const e: { message?: unknown } | undefined = get(errors, path);
  return typeof e?.message === "string" ? e.message : undefined;
}

/**
 * Puts an API error's field errors (from our zod validation or Syllable's 422) on the form's
 * fields: an exact path when the form has it ("voicemail_detection.mode"), else the nearest known
 * parent ("request_variables.x" → "request_variables"); a known "webhooks.*" takes every sub-path
 * as it is ("webhooks.1.url"), for forms with a row per item. Returns the sentences that fit no
 * field, for a form-level alert or a toast.
 */
export function applyFieldErrors<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, known: readonly string[]): string[] {
  if (!(err instanceof ApiClientError)) return [err instanceof Error ? err.message : "Something went wrong. Try again."];
  if (Object.keys(err.fields).length === 0) return [err.message];
  const leftover: string[] = [];
  for (const [path, message] of Object.entries(err.fields)) {
    const exact = known.includes(path) || known.some((k) => k.endsWith(".*") && path.startsWith(k.slice(0, -1)));
    const name = exact ? path : known.find((k) => path.startsWith(`${k}.`));
    if (name) setError(name as Path<T>, { type: "server", message });
    else leftover.push(`${path}: ${message}`);
  }
  return leftover;
}

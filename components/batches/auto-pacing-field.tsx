"use client";

import type { UseFormRegisterReturn } from "react-hook-form";

/**
 * "Finish by the expiry automatically": Syllable's auto pacing (2026-08). It needs an expiry and
 * overrides the call rate, which the text says where the choice is made.
 */
export function AutoPacingField({
  id,
  registration,
  error,
  hasExpiry,
}: {
  id: string;
  registration: UseFormRegisterReturn;
  error?: string;
  hasExpiry: boolean;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="h-4 w-4"
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={!!error}
          {...registration}
        />
        Finish by the expiry automatically
      </label>
      <p id={hintId} className="text-xs text-slate-500">
        Syllable paces the batch to reach every contact before it expires, counting only the campaign&apos;s calling hours. This overrides the call rate below
        and the campaign&apos;s hourly rate.{hasExpiry ? "" : " Needs an expiry."}
      </p>
      {error && (
        <p id={errorId} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

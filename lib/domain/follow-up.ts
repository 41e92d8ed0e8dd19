// A follow-up batch from a finished one: which of the source's results go into it (the results
// filter, less the contacts not worth calling again), and the CSV that fills it. Pure, no I/O.
import type { RequestResult } from "@/lib/schemas/syllable";
import { filterResults, type ResultFilter } from "./results";
import { toUploadCsv } from "./upload-csv";

/** Why a matching contact is left out of the follow-up. */
export const EXCLUSION_REASONS = {
  duplicate: "Marked DUPLICATE in the source",
  invalid: "Marked INVALID in the source (or no target)",
  completed_elsewhere: "Already COMPLETED by another request in the source",
  duplicate_target: "The same target twice: only the first is kept",
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

export type FollowUpPlan = {
  /** Source rows that match the filter. */
  matched: number;
  /** What goes into the follow-up, in the source's order. */
  rows: RequestResult[];
  excluded: Partial<Record<ExclusionReason, number>>;
};

/** The contacts a follow-up batch gets from `source` for `filter`, and those left out (counted by reason). */
export function planFollowUp(source: readonly RequestResult[], filter: ResultFilter): FollowUpPlan {
  const completedPerTarget = new Map<string, number>();
  for (const r of source) {
    if ((r.request_status ?? "").toUpperCase() === "COMPLETED") completedPerTarget.set(r.target, (completedPerTarget.get(r.target) ?? 0) + 1);
  }
  const matched = filterResults(source, filter);
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  const exclude = (reason: ExclusionReason) => (excluded[reason] = (excluded[reason] ?? 0) + 1);
  const kept: RequestResult[] = [];
  const keptTargets = new Set<string>();
  for (const r of matched) {
    const status = (r.request_status ?? "").toUpperCase();
    if (status === "DUPLICATE") exclude("duplicate");
    else if (status === "INVALID" || !r.target) exclude("invalid");
    else if ((completedPerTarget.get(r.target) ?? 0) - (status === "COMPLETED" ? 1 : 0) > 0) exclude("completed_elsewhere");
    else if (keptTargets.has(r.target)) exclude("duplicate_target");
    else {
      keptTargets.add(r.target);
      kept.push(r);
    }
  }
  return { matched: matched.length, rows: kept, excluded };
}

/**
 * The upload file: reference_id, target, then one column per request variable found in any row
 * (first seen order), each row's own values carried over; a variable a row lacks is empty.
 */
export function followUpCsv(rows: readonly RequestResult[]): string {
  const vars: string[] = [];
  const seen = new Set<string>(["reference_id", "target"]);
  for (const r of rows) {
    for (const k of Object.keys(r.request_variables ?? {})) {
      if (!seen.has(k)) {
        seen.add(k);
        vars.push(k);
      }
    }
  }
  return toUploadCsv(
    ["reference_id", "target", ...vars],
    rows.map((r) => ({ ...r.request_variables, reference_id: r.reference_id, target: r.target })),
  );
}

/** `<source>-retry-1` (a follow-up of `x-retry-1` is `x-retry-2`), skipping ids `taken` says exist; at most 100 characters. */
export function proposeFollowUpId(sourceId: string, taken: (id: string) => boolean = () => false): string {
  const m = /^(.*)-retry-(\d+)$/.exec(sourceId);
  const base = m ? m[1]! : sourceId;
  for (let n = m ? Number(m[2]) + 1 : 1; ; n++) {
    const suffix = `-retry-${n}`;
    const id = `${base.slice(0, 100 - suffix.length)}${suffix}`;
    if (!taken(id)) return id;
  }
}

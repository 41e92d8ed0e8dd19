import { E164 } from "@/lib/schemas/phone";
import { missingCsvColumns, variableCsvColumns } from "@/lib/domain/csv-columns";

export type CsvPreview = {
  rowCount: number;
  columns: string[];
  missingColumns: string[];
  /** Extra columns: they become request variables. */
  variableColumns: string[];
  /** 1-based data row numbers (header excluded). */
  missingReferenceId: number[];
  invalidTargets: Array<{ row: number; target: string }>;
  /** Rows whose target repeats an earlier one: the API marks them DUPLICATE (the first is dialed). */
  duplicateTargets: Array<{ row: number; target: string; firstRow: number }>;
  duplicateReferenceIds: Array<{ row: number; reference_id: string }>;
  sample: Array<Record<string, string>>;
};

/** What an upload would do, from the parsed CSV (header → value records), before sending it. */
export function analyzeCsv(columns: string[], rows: Array<Record<string, string | undefined>>): CsvPreview {
  const cols = columns.map((c) => c.trim());
  const missingColumns = missingCsvColumns(cols);
  const firstByTarget = new Map<string, number>();
  const seenRefs = new Set<string>();
  const out: CsvPreview = {
    rowCount: rows.length,
    columns: cols,
    missingColumns,
    variableColumns: variableCsvColumns(cols),
    missingReferenceId: [],
    invalidTargets: [],
    duplicateTargets: [],
    duplicateReferenceIds: [],
    sample: rows.slice(0, 5).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ""]))),
  };
  rows.forEach((r, i) => {
    const row = i + 1;
    const ref = (r.reference_id ?? "").trim();
    const target = (r.target ?? "").trim();
    if (!ref) out.missingReferenceId.push(row);
    else if (seenRefs.has(ref)) out.duplicateReferenceIds.push({ row, reference_id: ref });
    else seenRefs.add(ref);
    if (!E164.test(target)) out.invalidTargets.push({ row, target });
    else if (firstByTarget.has(target)) out.duplicateTargets.push({ row, target, firstRow: firstByTarget.get(target)! });
    else firstByTarget.set(target, row);
  });
  return out;
}

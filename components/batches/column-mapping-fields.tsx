"use client";

// The upload dialog's column mapping: which of the file's columns is the phone number and which
// the reference id (guessed from names and content, remembered per campaign), and the names the
// other columns get as request variables. Changing it updates the preview at once.
import { useId } from "react";
import { variableName, type ColumnMapping } from "@/lib/domain/column-mapping";

const KEY = (campaignId: number) => `oc:upload-mapping:${campaignId}`;

/** The mapping last used for this campaign, if this file has its columns. */
export function rememberedMapping(campaignId: number, columns: string[]): ColumnMapping | null {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY(campaignId)) ?? "null") as ColumnMapping | null;
    if (!saved || ![saved.target, saved.reference_id].every((c) => columns.includes(c))) return null;
    return { ...saved, variables: Object.fromEntries(Object.entries(saved.variables ?? {}).filter(([, c]) => columns.includes(c))) };
  } catch {
    return null;
  }
}

export function rememberMapping(campaignId: number, mapping: ColumnMapping): void {
  try {
    localStorage.setItem(KEY(campaignId), JSON.stringify(mapping));
  } catch {
    // Storage full or off: the guess is made again next time.
  }
}

export function ColumnMappingFields({ columns, mapping, onChange }: { columns: string[]; mapping: ColumnMapping; onChange: (m: ColumnMapping) => void }) {
  const id = useId();
  // Every column that is neither the number nor the reference id is a variable, named from its header.
  const withVariables = (target: string, reference_id: string): ColumnMapping => ({
    target,
    reference_id,
    variables: Object.fromEntries(columns.filter((c) => c !== target && c !== reference_id && c.trim()).map((c) => [variableName(c), c])),
  });
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-2" data-testid="column-mapping">
      <legend className="px-1 text-xs font-medium text-slate-600">Columns of this file</legend>
      <div className="flex flex-wrap gap-4">
        <ColumnSelect
          id={`${id}-target`}
          label="Phone number column"
          columns={columns}
          value={mapping.target}
          onChange={(c) => onChange(withVariables(c, mapping.reference_id))}
        />
        <ColumnSelect
          id={`${id}-ref`}
          label="Reference id column"
          columns={columns}
          value={mapping.reference_id}
          onChange={(c) => onChange(withVariables(mapping.target, c))}
        />
      </div>
      {Object.keys(mapping.variables ?? {}).length > 0 && (
        <p className="text-xs text-slate-600">
          Variables:{" "}
          {Object.entries(mapping.variables ?? {})
            .map(([name, column]) => (name === column ? name : `${column} → ${name}`))
            .join(", ")}
        </p>
      )}
    </fieldset>
  );
}

function ColumnSelect({ id, label, columns, value, onChange }: { id: string; label: string; columns: string[]; value: string; onChange: (c: string) => void }) {
  return (
    <label htmlFor={id} className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select
        id={id}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal text-slate-900"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">Choose…</option>
        {columns.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}

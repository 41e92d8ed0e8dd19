"use client";

// The CSV upload form (loaded when its dialog opens: it brings the CSV parser and the phone
// number library). The file is read and prepared in the browser (national numbers to E.164, the
// console's own export read back, bad rows skipped when asked); a prepared copy is what is sent
// when anything had to change.

import Papa from "papaparse";
import type { CountryCode } from "libphonenumber-js/min";
import { useId, useMemo, useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useUploadBatchCsv } from "@/lib/queries/batch-writes";
import type { UploadResponse } from "@/lib/schemas/batches";
import { prepareCsv } from "@/lib/domain/csv-prepare";
import { toUploadCsv } from "@/lib/domain/upload-csv";
import { analyzeCsv } from "./csv-preview";
import { guessMapping, isIdentity, mappedColumns, renameRow, type ColumnMapping } from "@/lib/domain/column-mapping";
import { missingCsvColumns } from "@/lib/domain/csv-columns";
import { ColumnMappingFields, rememberedMapping, rememberMapping } from "./column-mapping-fields";
import { SuppressedRows } from "./suppressed-rows";
import { SplitReport } from "./split-report";
import { groupRows, uploadGroups, zoneKeys, type SplitOutcome } from "./split-by-zone";
import { useZoneBreakdown, ZoneLines } from "./zone-rows";
import { useQueryClient } from "@tanstack/react-query";
import { batchKeys } from "@/lib/queries/batches";
import type { BatchDetailResponse } from "@/lib/schemas/batches";

/** Countries offered for national numbers; "" leaves numbers as they are. */
const COUNTRIES: Array<[CountryCode | "", string]> = [
  ["US", "United States / Canada (+1)"],
  ["GB", "United Kingdom (+44)"],
  ["AU", "Australia (+61)"],
  ["DE", "Germany (+49)"],
  ["FR", "France (+33)"],
  ["ES", "Spain (+34)"],
  ["MX", "Mexico (+52)"],
  ["IN", "India (+91)"],
  ["", "None: only E.164 numbers"],
];

const n = (v: number) => v.toLocaleString("en-US");
/** "row 3" / "rows 3, 4, 9 and 12 more" (data rows, header excluded). */
const rowsText = (rows: number[]) =>
  `${rows.length === 1 ? "row" : "rows"} ${rows.slice(0, 8).join(", ")}${rows.length > 8 ? ` and ${rows.length - 8} more` : ""}`;

/** The batch uploaded to: its id and campaign, and the hold and expiry new batches of a split copy. */
export type UploadTarget = Pick<BatchDetailResponse, "batch_id" | "campaign_id" | "paused" | "expires_on">;

export function UploadForm({ batch, maxBytes, onDone }: { batch: UploadTarget; maxBytes: number; onDone: () => void }) {
  const { batch_id: batchId, campaign_id: campaignId } = batch;
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [parsed, setParsed] = useState<{ columns: string[]; rows: Array<Record<string, string>> } | null>(null);
  const [country, setCountry] = useState<CountryCode | "">("US");
  const [skipBad, setSkipBad] = useState(false);
  // A file whose columns are named its own way ("Mobile Number"): mapped to the upload's first.
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const source = useMemo(
    () => (parsed && mapping ? { columns: mappedColumns(mapping), rows: parsed.rows.map((r) => renameRow(mapping, r)) } : parsed),
    [parsed, mapping],
  );
  const prepared = useMemo(
    () => (source ? prepareCsv(source.columns, source.rows, { defaultCountry: country || null, skipBadRows: skipBad }) : null),
    [source, country, skipBad],
  );
  const preview = useMemo(() => (prepared ? analyzeCsv(prepared.columns, prepared.rows) : null), [prepared]);
  const [parseError, setParseError] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [outcome, setOutcome] = useState<UploadResponse | null>(null);

  const zones = useZoneBreakdown(campaignId, prepared?.rows ?? []);
  const [split, setSplit] = useState(false);
  const [splitStep, setSplitStep] = useState<string | null>(null);
  const [splitOutcome, setSplitOutcome] = useState<SplitOutcome[] | null>(null);
  const qc = useQueryClient();
  const canSplit = (zones.data?.groups.length ?? 0) > 1;

  const upload = useUploadBatchCsv(batchId, setProgress);
  // One batch per zone group: every row's zone first (in chunks), then create and upload each.
  const sendSplit = async () => {
    if (!prepared) return;
    try {
      setSplitStep("Finding every recipient's time zone…");
      const keys = await zoneKeys(prepared.rows, campaignId, (f) => setProgress(f * 0.1));
      const groups = groupRows(prepared.rows, keys);
      const outcomes = await uploadGroups(batch, prepared.columns, groups, (done, total, step) => {
        setSplitStep(step);
        setProgress(0.1 + (done / total) * 0.9);
      });
      setSplitOutcome(outcomes);
      if (mapping) rememberMapping(campaignId, mapping);
      const failed = outcomes.filter((o) => !o.ok).length;
      if (failed) toast.error(`${failed} of ${outcomes.length} zone groups were not uploaded: see the report.`);
      else toast.success(`Uploaded in ${outcomes.length} batches, one per time zone group.`);
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSplitStep(null);
      void qc.invalidateQueries({ queryKey: batchKeys.detail(batchId) });
      void qc.invalidateQueries({ queryKey: batchKeys.results(batchId) });
      void qc.invalidateQueries({ queryKey: batchKeys.lists() });
    }
  };
  const send = (f: File) =>
    upload.mutate(f, {
      onSuccess: (res) => {
        if (mapping) rememberMapping(campaignId, mapping);
        setOutcome(res);
        toast.success(`Uploaded ${f.name} to ${batchId}.`);
      },
      onError: (err) => toast.error(err.message),
    });

  const choose = (f: File | null) => {
    setFile(f);
    setParsed(null);
    setParseError(null);
    setOutcome(null);
    setSplitOutcome(null);
    setProgress(0);
    if (!f) return;
    if (f.size > maxBytes) return setParseError(`The file is larger than ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB, the most the console accepts.`);
    if (!f.name.toLowerCase().endsWith(".csv")) return setParseError("Choose a .csv file.");
    Papa.parse<Record<string, string>>(f, {
      header: true,
      skipEmptyLines: "greedy",
      transformHeader: (h) => h.trim(),
      complete: (res) => {
        const columns = res.meta.fields;
        if (!columns?.length) return setParseError("The file has no header row.");
        const guess = missingCsvColumns(columns).length ? (rememberedMapping(campaignId, columns) ?? guessMapping(columns, res.data, country || null)) : null;
        setMapping(guess && !isIdentity(guess) ? guess : null);
        setParsed({ columns, rows: res.data });
      },
      error: (e) => setParseError(`Could not read the file: ${e.message}`),
    });
  };

  // What is sent: the file as chosen, or the prepared copy when anything had to change.
  const toSend = (): File | null => {
    if (!file || !prepared) return file;
    if (!prepared.changed && !mapping) return file;
    return new File([toUploadCsv(prepared.columns, prepared.rows)], file.name, { type: "text/csv" });
  };
  // Syllable rejects the whole file when a reference_id is missing or repeated: fix or skip those first.
  const unfixable = preview ? preview.missingReferenceId.length + preview.duplicateReferenceIds.length > 0 : false;
  const blocked =
    !preview || preview.missingColumns.length > 0 || preview.rowCount === 0 || unfixable || (!!mapping && (!mapping.target || !mapping.reference_id));
  // The number as written in the file beside the E.164 sent (sample rows).
  const writtenAs = new Map((prepared?.normalised ?? []).map((n) => [n.row, n.from]));
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
          CSV file
        </label>
        <input id={inputId} type="file" accept=".csv,text/csv" onChange={(e) => choose(e.target.files?.[0] ?? null)} className="block text-sm" />
      </div>
      {parseError && (
        <p role="alert" className="text-sm text-red-700">
          {parseError}
        </p>
      )}
      {preview && (
        <section aria-label="Upload preview" className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
          <p>
            <strong>{n(preview.rowCount)}</strong> rows · columns: {preview.columns.join(", ")}
          </p>
          {mapping && parsed && <ColumnMappingFields columns={parsed.columns} mapping={mapping} onChange={setMapping} />}
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              Country of national numbers
              <select
                value={country}
                onChange={(e) => setCountry(e.target.value as CountryCode | "")}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal text-slate-900"
              >
                {COUNTRIES.map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} />
              Skip rows that cannot be uploaded
            </label>
          </div>
          <ul className="space-y-1" aria-label="Preview warnings">
            {prepared && <SuppressedRows campaignId={campaignId} rows={prepared.rows} />}
            {prepared && <ZoneLines zones={zones} rowCount={prepared.rows.length} />}
            {prepared && prepared.normalised.length > 0 && (
              <li className="text-slate-700" data-testid="normalised">
                {n(prepared.normalised.length)} national number(s) written as E.164, e.g. {prepared.normalised[0]!.from} → {prepared.normalised[0]!.to}.
              </li>
            )}
            {prepared && prepared.renamed.length > 0 && (
              <li className="text-slate-700">
                Read as the console&apos;s results export: {prepared.renamed.map(([a, b]) => `${a} → ${b}`).join(", ")}; left out: {prepared.dropped.join(", ")}
                .
              </li>
            )}
            {prepared && prepared.skipped.length > 0 && (
              <li className="text-amber-800" data-testid="skipped">
                {n(prepared.skipped.length)} row(s) skipped:{" "}
                {prepared.skipped
                  .slice(0, 5)
                  .map((r) => `row ${r.row} (${r.reason})`)
                  .join("; ")}
                {prepared.skipped.length > 5 ? ` and ${n(prepared.skipped.length - 5)} more` : ""}.
              </li>
            )}
            {preview.missingColumns.length > 0 && (
              <li className="text-red-700">Missing required column(s): {preview.missingColumns.join(", ")}. The upload would fail.</li>
            )}
            {preview.missingReferenceId.length > 0 && (
              <li className="text-red-700">
                {n(preview.missingReferenceId.length)} row(s) without reference_id ({rowsText(preview.missingReferenceId)}).
              </li>
            )}
            {preview.invalidTargets.length > 0 && (
              <li className="text-amber-800">
                {n(preview.invalidTargets.length)} invalid target(s), not E.164, will be marked INVALID ({rowsText(preview.invalidTargets.map((r) => r.row))}).
              </li>
            )}
            {preview.duplicateTargets.length > 0 && (
              <li className="text-amber-800">
                {n(preview.duplicateTargets.length)} duplicate target(s) will be marked DUPLICATE ({rowsText(preview.duplicateTargets.map((r) => r.row))}).
              </li>
            )}
            {preview.duplicateReferenceIds.length > 0 && (
              <li className="text-red-700">
                {n(preview.duplicateReferenceIds.length)} repeated reference_id(s) ({rowsText(preview.duplicateReferenceIds.map((r) => r.row))}).
              </li>
            )}
            {unfixable && <li className="font-medium text-red-700">Every row needs its own reference_id: fix the file, or skip those rows.</li>}
            {preview.variableColumns.length > 0 && <li className="text-slate-700">Variables: {preview.variableColumns.join(", ")}.</li>}
            {preview.missingColumns.length === 0 &&
              preview.missingReferenceId.length + preview.invalidTargets.length + preview.duplicateTargets.length + preview.duplicateReferenceIds.length ===
                0 && <li className="text-emerald-700">No problems found.</li>}
          </ul>
          {canSplit && !outcome && !splitOutcome && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} className="mt-1" />
              <span>
                Split by time zone: one batch per zone group ({zones.data!.groups.length}), so each dials in its own recipients&apos; hours. The largest group
                stays in {batchId}; the others become new batches on the same campaign.
              </span>
            </label>
          )}
          {preview.sample.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-xs" aria-label="First rows">
                <thead>
                  <tr>
                    {preview.columns.map((c) => (
                      <th key={c} scope="col" className="px-2 py-1 text-left font-medium text-slate-600">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((r, i) => (
                    <tr key={i}>
                      {preview.columns.map((c) => (
                        <td key={c} className="px-2 py-1">
                          {r[c]}
                          {c === "target" && writtenAs.has(i + 1) && <span className="block text-slate-500">from {writtenAs.get(i + 1)}</span>}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {(upload.isPending || outcome || splitStep || splitOutcome) && <ProgressBar value={outcome || splitOutcome ? 1 : progress} label="Upload progress" />}
      {splitStep && <p className="text-sm text-slate-600">{splitStep}</p>}
      {splitOutcome && <SplitReport outcomes={splitOutcome} />}
      {upload.isPending && <p className="text-sm text-slate-600">{progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : "Processing on Syllable…"}</p>}
      {outcome && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Uploaded. The batch now has {n(outcome.batch.progress.total)} requests
          {Object.entries(outcome.batch.status_counts ?? {})
            .filter(([s]) => s === "DUPLICATE" || s === "INVALID")
            .map(([s, c]) => `, ${n(c)} ${s}`)
            .join("")}
          .
          {outcome.suppressed > 0 && (
            <span className="block" data-testid="upload-suppressed">
              {n(outcome.suppressed)} row{outcome.suppressed === 1 ? " was" : "s were"} left out: the number is on a suppression list (
              {[...new Set(outcome.suppressed_rows.flatMap((r) => r.lists))].join(", ")}).
            </span>
          )}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          {outcome || splitOutcome ? "Close" : "Cancel"}
        </Button>
        {!outcome && !splitOutcome && (
          <Button
            onClick={() => {
              if (split && canSplit) return void sendSplit();
              const f = toSend();
              if (f) send(f);
            }}
            disabled={blocked}
            busy={upload.isPending || splitStep !== null}
          >
            {!preview
              ? "Upload"
              : split && canSplit
                ? `Upload ${n(preview.rowCount)} rows in ${zones.data!.groups.length}+ batches`
                : `Upload ${n(preview.rowCount)} rows`}
          </Button>
        )}
      </div>
    </div>
  );
}

"use client";

// Forms on a suppression list's numbers (loaded when a dialog opens): add typed or pasted
// numbers, import a CSV (choosing its columns, with a progress bar), and the admins' removals,
// which need a reason. Each answer shows the per-row report: what was added, updated, refused.
import Papa from "papaparse";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { ProgressBar } from "@/components/ui/progress-bar";
import { toast } from "@/components/ui/toast";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { useSuppressionWrites, type ImportReport } from "@/lib/queries/suppression";
import type { SuppressionReport } from "@/lib/schemas/suppression";

const count = (n: number) => n.toLocaleString("en-US");

/** What a write did, with the inputs it refused (row and why). */
export function ReportView({ report, onDone }: { report: SuppressionReport & { rows?: number }; onDone: () => void }) {
  return (
    <div className="space-y-3" data-testid="suppression-report">
      <p role="status" className="text-sm">
        {report.rows !== undefined && <>{count(report.rows)} rows read. </>}
        <strong>{count(report.added)}</strong> added, <strong>{count(report.updated)}</strong> already on the list (updated)
        {report.invalid_count ? (
          <>
            , <strong className="text-red-700">{count(report.invalid_count)}</strong> refused
          </>
        ) : null}
        .
      </p>
      {report.invalid.length > 0 && (
        <div className="max-h-60 overflow-auto rounded border border-slate-200">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Refused inputs</caption>
            <thead className="bg-slate-50">
              <tr>
                <th className="px-2 py-1">Row</th>
                <th className="px-2 py-1">Input</th>
                <th className="px-2 py-1">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.invalid.map((i, n) => (
                <tr key={n} className="border-t border-slate-100">
                  <td className="px-2 py-1 tabular-nums">{i.row ?? n + 1}</td>
                  <td className="px-2 py-1 font-mono">{i.input || <span className="text-slate-400">(empty)</span>}</td>
                  <td className="px-2 py-1">{i.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.invalid_count > report.invalid.length && (
            <p className="px-2 py-1 text-xs text-slate-500">
              The first {count(report.invalid.length)} of {count(report.invalid_count)} are shown.
            </p>
          )}
        </div>
      )}
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

const endOfDay = (date: string) => (date ? `${date}T23:59:59Z` : undefined);

export function AddNumbersForm({ listId, onDone }: { listId: number; onDone: () => void }) {
  const { addNumbers } = useSuppressionWrites();
  const errors = useApiErrors();
  const [text, setText] = useState("");
  const [reason, setReason] = useState("");
  const [expires, setExpires] = useState("");
  const [report, setReport] = useState<SuppressionReport | null>(null);
  if (report) return <ReportView report={report} onDone={onDone} />;
  const numbers = text
    .split(/[\n,;]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        addNumbers.mutateAsync({ id: listId, numbers, reason: reason || undefined, expires_at: endOfDay(expires) }).then((r) => {
          toast.success(`${count(r.added)} added to the list.`);
          setReport(r);
        }, errors.show);
      }}
    >
      <FormErrorAlert messages={errors.form} />
      <Field
        id="numbers"
        label="Numbers"
        hint="One per line (or separated by commas), any format: national numbers are read for the console's default country."
        error={errors.fields.numbers}
      >
        <Textarea {...describedBy("numbers", errors.fields.numbers)} value={text} onChange={(e) => setText(e.target.value)} rows={6} className="font-mono" />
      </Field>
      <Field id="reason" label="Reason" hint="e.g. Asked not to be called (optional)" error={errors.fields.reason}>
        <Input {...describedBy("reason", errors.fields.reason)} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Field>
      <Field id="expires" label="Expires after" hint="Leave empty to keep them on the list for good" error={errors.fields.expires_at}>
        <Input {...describedBy("expires", errors.fields.expires_at)} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </Field>
      <FormActions
        submitLabel={`Add ${numbers.length ? count(numbers.length) : ""} number${numbers.length === 1 ? "" : "s"}`}
        busy={addNumbers.isPending}
        disabled={!numbers.length}
        onCancel={onDone}
      />
    </form>
  );
}

const PHONE_NAMES = ["phone", "phonenumber", "number", "target", "mobile", "mobilenumber", "telephone", "tel", "msisdn", "e164"];
const guessPhone = (columns: string[]) => columns.find((c) => PHONE_NAMES.includes(c.toLowerCase().replace(/[\s_-]+/g, ""))) ?? columns[0] ?? "";

export function ImportForm({ listId, onDone }: { listId: number; onDone: () => void }) {
  const { importCsv } = useSuppressionWrites();
  const errors = useApiErrors();
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [phone, setPhone] = useState("");
  const [expiry, setExpiry] = useState("");
  const [reason, setReason] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  if (report) return <ReportView report={report} onDone={onDone} />;
  const choose = async (f: File | null) => {
    setFile(f);
    errors.clear();
    if (!f) return setColumns([]);
    // The header row only, from the file's first bytes: the rows are read by the server.
    const head = await f.slice(0, 64 * 1024).text();
    const header = (Papa.parse<string[]>(head.replace(/^\uFEFF/, ""), { preview: 1 }).data[0] ?? []).map((c) => c.trim()).filter(Boolean);
    setColumns(header);
    setPhone(guessPhone(header));
    setExpiry(header.find((c) => /expir|until/i.test(c)) ?? "");
  };
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return;
        errors.clear();
        setProgress(0);
        const fields = { phone_column: phone, ...(expiry ? { expiry_column: expiry } : {}), ...(reason ? { reason } : {}) };
        importCsv
          .mutateAsync({ id: listId, file, fields, onProgress: setProgress })
          .then((r) => {
            toast.success(`Imported: ${count(r.added)} added, ${count(r.updated)} updated.`);
            setReport(r);
          }, errors.show)
          .finally(() => setProgress(null));
      }}
    >
      <FormErrorAlert messages={errors.form} />
      <Field id="import-file" label="CSV file" hint="A header row, then one number per row" error={errors.fields.file}>
        <Input
          {...describedBy("import-file", errors.fields.file)}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
        />
      </Field>
      {columns.length > 0 && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="phone-column" label="Phone column" error={errors.fields.phone_column}>
            <Select {...describedBy("phone-column", errors.fields.phone_column)} value={phone} onChange={(e) => setPhone(e.target.value)}>
              {columns.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          </Field>
          <Field id="expiry-column" label="Expiry column" hint="Optional: a date after which a number may be called again" error={errors.fields.expiry_column}>
            <Select {...describedBy("expiry-column", errors.fields.expiry_column)} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
              <option value="">None</option>
              {columns.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          </Field>
        </div>
      )}
      <Field id="import-reason" label="Reason" hint="Recorded with every number (optional)">
        <Input {...describedBy("import-reason")} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Field>
      {progress !== null && (
        <div className="space-y-1" data-testid="import-progress">
          <ProgressBar value={progress} label="Import progress" />
          <p className="text-xs text-slate-600" role="status">
            {progress < 1 ? `Sending the file: ${Math.round(progress * 100)}%` : "Checking and saving the numbers…"}
          </p>
        </div>
      )}
      <FormActions submitLabel="Import" busy={importCsv.isPending} disabled={!file || !phone} onCancel={onDone} />
    </form>
  );
}

type Removal = { kind: "list"; id: number; name: string; numbers: number } | { kind: "number"; id: number; number: string };

/** An admin's removal: a reason is required (it goes into the audit log). */
export function ReasonForm({ what, onDone }: { what: Removal; onDone: (done: boolean) => void }) {
  const { remove, removeNumber } = useSuppressionWrites();
  const errors = useApiErrors();
  const [reason, setReason] = useState("");
  const write = what.kind === "list" ? remove : removeNumber;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        const done = () => {
          toast.success(what.kind === "list" ? `Deleted the list "${what.name}".` : `Removed ${what.number}: it may be called again.`);
          onDone(true);
        };
        (what.kind === "list" ? remove.mutateAsync({ id: what.id, reason }) : removeNumber.mutateAsync({ id: what.id, number: what.number, reason })).then(
          done,
          errors.show,
        );
      }}
    >
      <p className="text-sm">
        {what.kind === "list"
          ? `The ${count(what.numbers)} numbers on it may be called again by the campaigns it applied to.`
          : `${what.number} may be called again by the campaigns this list applies to.`}
      </p>
      <FormErrorAlert messages={errors.form} />
      <Field id="removal-reason" label="Reason" hint="Required: recorded in the audit log" error={errors.fields.reason}>
        <Textarea {...describedBy("removal-reason", errors.fields.reason)} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
      </Field>
      <FormActions
        submitLabel={what.kind === "list" ? "Delete list" : "Remove number"}
        destructive
        busy={write.isPending}
        disabled={reason.trim().length < 3}
        onCancel={() => onDone(false)}
      />
    </form>
  );
}

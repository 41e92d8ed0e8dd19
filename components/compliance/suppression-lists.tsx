"use client";

// The Compliance section's first page: every suppression list, a form for a new one (managers),
// and a quick check of one number.
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, Input } from "@/components/ui/field";
import { QueryProblem } from "@/components/ui/query-problem";
import { RelativeTime } from "@/components/ui/time";
import { checkNumber, suppressionListsQueryOptions } from "@/lib/queries/suppression";
import type { SuppressionCheck, SuppressionListInfo } from "@/lib/schemas/suppression";
import { ListForm } from "./list-form";

const count = (n: number) => n.toLocaleString("en-US");

export function AppliesTo({ list }: { list: Pick<SuppressionListInfo, "applies_to" | "campaign_ids"> }) {
  if (list.applies_to === "all") return <Badge tone="violet">Every campaign</Badge>;
  const n = list.campaign_ids.length;
  return <Badge tone={n ? "blue" : "gray"}>{n ? `${n} campaign${n === 1 ? "" : "s"}` : "No campaign yet"}</Badge>;
}

export function SuppressionLists({ canWrite }: { canWrite: boolean }) {
  const query = useQuery(suppressionListsQueryOptions());
  const [creating, setCreating] = useState(false);
  const columns = useMemo<ColumnDef<SuppressionListInfo, unknown>[]>(
    () => [
      {
        id: "name",
        header: "List",
        cell: ({ row }) => (
          <span>
            <Link href={`/compliance/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
              {row.original.name}
            </Link>
            {row.original.description && <span className="block text-xs text-slate-500">{row.original.description}</span>}
          </span>
        ),
      },
      { id: "applies", header: "Applies to", cell: ({ row }) => <AppliesTo list={row.original} /> },
      {
        id: "numbers",
        header: "Numbers in force",
        cell: ({ row }) => (
          <span className="tabular-nums" title={`${count(row.original.numbers)} kept, ${count(row.original.numbers - row.original.active_numbers)} expired`}>
            {count(row.original.active_numbers)}
            {row.original.numbers > row.original.active_numbers && (
              <span className="ml-1 text-xs text-slate-500">(+{count(row.original.numbers - row.original.active_numbers)} expired)</span>
            )}
          </span>
        ),
      },
      { id: "updated", header: "Changed", cell: ({ row }) => <RelativeTime iso={row.original.updated_at} past /> },
    ],
    [],
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <CheckNumber />
        {canWrite && <Button onClick={() => setCreating(true)}>New list</Button>}
      </div>
      <QueryProblem query={query} what="The suppression lists" />
      <DataTable
        label="Suppression lists"
        columns={columns}
        data={query.data?.items ?? []}
        getRowId={(l) => String(l.id)}
        loading={query.isPending}
        empty={canWrite ? "No suppression lists yet. Make one for your opt-outs: numbers on it are never called." : "No suppression lists yet."}
      />
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        title="New suppression list"
        description="Numbers on it are never sent to Syllable for the campaigns it applies to."
      >
        {creating && <ListForm onDone={() => setCreating(false)} />}
      </Dialog>
    </div>
  );
}

/** Is this number suppressed, and where? Any format; read as the server reads it. */
function CheckNumber() {
  const [number, setNumber] = useState("");
  const [answer, setAnswer] = useState<SuppressionCheck | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label="Number check"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        checkNumber(number)
          .then(setAnswer, (err: Error) => {
            setAnswer(null);
            setError(err.message);
          })
          .finally(() => setBusy(false));
      }}
    >
      <div className="w-64">
        <Field id="check-number" label="Check a number" error={error} hint="Any format, e.g. (212) 555-0100">
          <Input {...describedBy("check-number", error)} value={number} onChange={(e) => setNumber(e.target.value)} inputMode="tel" />
        </Field>
      </div>
      <Button type="submit" variant="secondary" busy={busy} disabled={!number.trim()} className="mb-5">
        Check
      </Button>
      <p role="status" className="mb-5 text-sm" data-testid="check-answer">
        {answer &&
          (answer.suppressed ? (
            <span className="text-red-700">
              {answer.number} is suppressed: on {answer.lists.map((l) => l.name).join(", ")}.
            </span>
          ) : (
            <span className="text-emerald-700">{answer.number} is on no list in force.</span>
          ))}
      </p>
    </form>
  );
}

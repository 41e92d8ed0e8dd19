"use client";

// One suppression list: what it is and whom it applies to, its numbers (searched and paged, the
// URL holding both), and what a manager adds (typed or imported) and an admin takes away.
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { DataTable, DataTableToolbar, DebouncedSearchInput, useDataTableUrlState } from "@/components/data-table";
import { ExportCsvLink } from "@/components/batches/export-csv-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import { QueryProblem } from "@/components/ui/query-problem";
import { RelativeTime } from "@/components/ui/time";
import { absoluteUtc } from "@/lib/format";
import { numbersCsvUrl, suppressionListQueryOptions, suppressionNumbersQueryOptions } from "@/lib/queries/suppression";
import { SUPPRESSION_NUMBERS_TABLE } from "@/lib/queries/table-url";
import type { SuppressionEntryInfo } from "@/lib/schemas/suppression";
import { AppliesTo } from "./suppression-lists";

const load = () => import("./number-forms");
const AddNumbersForm = lazyView(() => load().then((m) => m.AddNumbersForm));
const ImportForm = lazyView(() => load().then((m) => m.ImportForm));
const ReasonForm = lazyView(() => load().then((m) => m.ReasonForm));
const ListForm = lazyView(() => import("./list-form").then((m) => m.ListForm));

type Open = { kind: "add" | "import" | "edit" | "delete" } | { kind: "remove"; number: string } | null;

export function ListDetail({ listId, canWrite, isAdmin }: { listId: number; canWrite: boolean; isAdmin: boolean }) {
  const router = useRouter();
  const list = useQuery(suppressionListQueryOptions(listId));
  const state = useDataTableUrlState(SUPPRESSION_NUMBERS_TABLE);
  const params = { page: String(state.page), limit: String(state.pageSize), ...(state.get("q") ? { q: state.get("q")! } : {}) };
  const numbers = useQuery(suppressionNumbersQueryOptions(listId, params));
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const columns = useMemo<ColumnDef<SuppressionEntryInfo, unknown>[]>(
    () => [
      {
        id: "number",
        header: "Number",
        cell: ({ row }) => (
          <span className="font-mono text-sm">
            {row.original.number}
            {row.original.expired && (
              <Badge tone="gray" className="ml-2">
                Expired
              </Badge>
            )}
          </span>
        ),
      },
      { id: "reason", header: "Reason", cell: ({ row }) => row.original.reason || <span className="text-slate-400">—</span> },
      { id: "source", header: "Source", cell: ({ row }) => <Badge tone="gray">{row.original.source}</Badge> },
      {
        id: "added",
        header: "Added",
        cell: ({ row }) => (
          <span className="text-xs">
            <RelativeTime iso={row.original.added_at} past /> by {row.original.added_by}
          </span>
        ),
      },
      {
        id: "expires",
        header: "Expires",
        cell: ({ row }) =>
          row.original.expires_at ? (
            <span className="text-xs">{absoluteUtc(row.original.expires_at)}</span>
          ) : (
            <span className="text-xs text-slate-500">Never</span>
          ),
      },
      ...(isAdmin
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">Actions</span>,
              cell: ({ row }) => (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${row.original.number}`}
                  onClick={() => setOpen({ kind: "remove", number: row.original.number })}
                  {...preloadOn(ReasonForm)}
                >
                  Remove
                </Button>
              ),
            } satisfies ColumnDef<SuppressionEntryInfo, unknown>,
          ]
        : []),
    ],
    [isAdmin],
  );
  const l = list.data;
  return (
    <div className="space-y-4">
      <QueryProblem query={list} what="The list" />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <p className="text-sm">
            <Link href="/compliance" className="text-indigo-700 underline">
              Compliance
            </Link>{" "}
            / suppression list
          </p>
          <h1 className="text-xl font-semibold">{l?.name ?? "…"}</h1>
          {l?.description && <p className="text-sm text-slate-600">{l.description}</p>}
          {l && (
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <AppliesTo list={l} />
              {l.applies_to === "assigned" &&
                l.campaign_ids.map((id) => (
                  <Link key={id} href={`/campaigns/${id}`} className="text-indigo-700 hover:underline">
                    campaign {id}
                  </Link>
                ))}
              <span data-testid="list-counts">
                {l.active_numbers.toLocaleString("en-US")} number{l.active_numbers === 1 ? "" : "s"} in force
                {l.numbers > l.active_numbers ? `, ${(l.numbers - l.active_numbers).toLocaleString("en-US")} expired` : ""}
              </span>
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          {canWrite && (
            <>
              <Button onClick={() => setOpen({ kind: "add" })} {...preloadOn(AddNumbersForm)}>
                Add numbers
              </Button>
              <Button variant="secondary" onClick={() => setOpen({ kind: "import" })} {...preloadOn(ImportForm)}>
                Import CSV
              </Button>
              <Button variant="secondary" onClick={() => setOpen({ kind: "edit" })} {...preloadOn(ListForm)}>
                Edit
              </Button>
            </>
          )}
          {isAdmin && (
            <Button variant="danger" onClick={() => setOpen({ kind: "delete" })} {...preloadOn(ReasonForm)}>
              Delete list
            </Button>
          )}
        </div>
      </div>
      <QueryProblem query={numbers} what="The numbers" />
      <DataTable
        label="Numbers on the list"
        columns={columns}
        data={numbers.data?.items ?? []}
        totalCount={numbers.data?.total_count ?? 0}
        state={state}
        pageSizes={SUPPRESSION_NUMBERS_TABLE.pageSizes}
        getRowId={(e) => e.number}
        loading={numbers.isPending}
        refreshing={numbers.isPlaceholderData}
        empty={state.get("q") ? "No number or reason matches." : "No numbers on this list yet."}
        toolbar={
          <DataTableToolbar active={!!state.get("q")} onReset={() => state.reset(["q"])}>
            <DebouncedSearchInput label="Search number or reason" value={state.get("q") ?? ""} onChange={(v) => state.set({ q: v || null })} />
            <span className="ml-auto" />
            {l && <ExportCsvLink href={numbersCsvUrl(listId)} rows={l.numbers} filename={`suppression-${l.name.replace(/[^A-Za-z0-9._-]+/g, "_")}.csv`} />}
          </DataTableToolbar>
        }
      />
      <Dialog
        open={open !== null}
        onClose={close}
        title={
          open?.kind === "add"
            ? "Add numbers"
            : open?.kind === "import"
              ? "Import numbers from a CSV"
              : open?.kind === "edit"
                ? "Edit list"
                : open?.kind === "delete"
                  ? `Delete "${l?.name ?? ""}"`
                  : open?.kind === "remove"
                    ? `Remove ${open.number}`
                    : ""
        }
      >
        {open?.kind === "add" && <AddNumbersForm listId={listId} onDone={close} />}
        {open?.kind === "import" && <ImportForm listId={listId} onDone={close} />}
        {open?.kind === "edit" && l && <ListForm list={l} onDone={close} />}
        {open?.kind === "delete" && l && (
          <ReasonForm
            what={{ kind: "list", id: listId, name: l.name, numbers: l.numbers }}
            onDone={(done) => {
              close();
              if (done) router.push("/compliance");
            }}
          />
        )}
        {open?.kind === "remove" && <ReasonForm what={{ kind: "number", id: listId, number: open.number }} onDone={close} />}
      </Dialog>
    </div>
  );
}

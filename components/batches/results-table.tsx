"use client";

import { useQuery } from "@tanstack/react-query";
import type { RowSelectionState } from "@tanstack/react-table";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "@/components/ui/toast";
import {
  DataTable,
  DataTableToolbar,
  DebouncedSearchInput,
  MultiSelectFilter,
  SelectFilter,
  SelectionBar,
  type DataTableUrlState,
} from "@/components/data-table";
import { Dialog } from "@/components/ui/dialog";
import { lazyView, preloadOn } from "@/components/ui/lazy-view";
import { channelStatuses } from "@/lib/domain/results";
import { absoluteUtc } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NOT_LOADED, QueryProblem } from "@/components/ui/query-problem";
import { UpstreamText } from "@/components/ui/upstream-text";
import { UpdatedAgo } from "@/components/ui/time";
import { useRemoveRequests } from "@/lib/queries/batch-writes";
import { batchResultsQueryOptions, resultsCsvUrl, resultsParams } from "@/lib/queries/batches";
import { RESULTS_TABLE } from "@/lib/queries/table-url";
import type { RequestResult } from "@/lib/schemas/syllable";
import type { ResultsPage } from "@/lib/schemas/batches";
import { ProgressBar } from "@/components/ui/progress-bar";
import { INSIGHTS_STATUSES, REQUEST_STATUSES } from "@/lib/domain/syllable-values";
import { removable, resultColumns } from "./results-columns";
import { outcomeLabel } from "./status-colors";
import { ExportCsvLink } from "./export-csv-link";

const FollowUpForm = lazyView(() => import("./follow-up-form").then((m) => m.FollowUpForm));
const AddToListForm = lazyView(() => import("@/components/compliance/add-to-list-form").then((m) => m.AddToListForm));

/** The results of a batch, paged/sorted/filtered on the server; managers can select PENDING rows to remove. */
export function ResultsTable({
  batchId,
  campaignId,
  state,
  canWrite,
  knownStatuses,
  knownOutcomes = [],
}: {
  batchId: string;
  campaignId: number;
  state: DataTableUrlState;
  canWrite: boolean;
  knownStatuses: string[];
  /** Channel outcomes the batch's counts hold (NO-ANSWER, MACHINE…), for the outcome filter. */
  knownOutcomes?: string[];
}) {
  const searchParams = useSearchParams();
  const params = useMemo(() => resultsParams(searchParams), [searchParams]);
  const query = useQuery(batchResultsQueryOptions(batchId, params));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [confirm, setConfirm] = useState(false);
  const [followUp, setFollowUp] = useState(false);
  /** Opt-outs: the numbers of one result (its reference id) or of the filtered results. */
  const [suppress, setSuppress] = useState<{ reference_id?: string } | null>(null);
  const channel = [...channelStatuses(state.get("channel") ?? undefined)];
  const selectedIds = Object.keys(selection).filter((k) => selection[k]);

  const remove = useRemoveRequests(batchId);
  const removeSelected = (ids: string[]) =>
    remove.mutate(ids, {
      onSuccess: (res) => {
        setSelection({});
        setConfirm(false);
        const plural = (n: number) => `${n} request${n === 1 ? "" : "s"}`;
        const problems = [
          res.not_removed.length ? `${res.not_removed.length} could not be removed (already dialed)` : "",
          res.not_found.length ? `${res.not_found.length} no longer in the batch` : "",
        ].filter(Boolean);
        if (problems.length) toast.warning(`Removed ${plural(res.removed.length)}; ${problems.join("; ")}.`);
        else toast.success(`Removed ${plural(res.removed.length)}.`);
      },
      onError: (err) => toast.error(err.message),
    });

  const columns = useMemo(() => resultColumns({ canWrite }), [canWrite]);

  const sentFrom = state.get("sent_from");
  const sentTo = state.get("sent_to");
  const filtersActive = !!(state.get("status") || state.get("insights") || state.get("q") || channel.length || sentFrom || sentTo);
  // Facet counts: how many rows of the whole batch each choice holds.
  const facets = query.data?.facets;
  const counted = (label: string, n: number | undefined) => (n === undefined ? label : `${label} (${n.toLocaleString("en-US")})`);
  const outcomeOptions = [...new Set([...knownOutcomes, ...Object.keys(facets?.channel_manager_status ?? {}), ...channel])]
    .sort()
    .map((o) => ({ value: o, label: counted(outcomeLabel(o), facets?.channel_manager_status[o.toUpperCase()]) }));
  const followUpFilter = {
    ...(state.get("status") ? { status: state.get("status")! } : {}),
    ...(channel.length ? { channel_status: channel } : {}),
    ...(state.get("insights") ? { insights_status: state.get("insights")! } : {}),
    ...(state.get("q") ? { q: state.get("q")! } : {}),
    ...(sentFrom ? { sent_from: sentFrom } : {}),
    ...(sentTo ? { sent_to: sentTo } : {}),
  };
  const statusOptions = [...new Set([...REQUEST_STATUSES, ...knownStatuses])].map((s) => ({ value: s, label: counted(s, facets?.request_status[s]) }));
  return (
    <div className="space-y-3">
      <QueryProblem query={query} what="The results" />
      {query.data?.reading ? <ReadingProgress reading={query.data.reading} /> : null}
      {query.data?.refresh_failed ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="results-refresh-failed">
          These rows could not be brought up to date: {query.data.refresh_failed} They are as Syllable last gave them; the console tries again by itself.
        </p>
      ) : null}
      {query.data ? (
        <p className="text-right text-xs text-slate-500" data-testid="results-updated">
          {query.data.rows_as_of ? (
            <>
              Rows read from Syllable <UpdatedAgo at={Date.parse(query.data.rows_as_of)} />
            </>
          ) : (
            <UpdatedAgo at={query.dataUpdatedAt} />
          )}
        </p>
      ) : null}
      <DataTable
        label="Results"
        columns={columns}
        data={query.data?.items ?? []}
        totalCount={query.data?.total_count ?? 0}
        state={state}
        pageSizes={RESULTS_TABLE.pageSizes}
        getRowId={(r) => r.reference_id}
        loading={query.isPending}
        refreshing={query.isPlaceholderData}
        rowSelection={canWrite ? selection : undefined}
        onRowSelectionChange={canWrite ? setSelection : undefined}
        enableRowSelection={canWrite ? (row) => removable(row.original) : undefined}
        empty={query.isError ? NOT_LOADED : filtersActive ? "No results match these filters." : "No requests in this batch yet."}
        renderSubRow={(row) => (
          <ResultDetails r={row.original} onSuppress={canWrite ? () => setSuppress({ reference_id: row.original.reference_id }) : undefined} />
        )}
        toolbar={
          <DataTableToolbar active={filtersActive} onReset={() => state.reset(["status", "channel", "insights", "q", "sent_from", "sent_to"])}>
            <DebouncedSearchInput label="Search target, reference, variables" value={state.get("q") ?? ""} onChange={(v) => state.set({ q: v || null })} />
            <SelectFilter label="Request status" value={state.get("status") ?? ""} options={statusOptions} onChange={(v) => state.set({ status: v || null })} />
            <MultiSelectFilter
              label="Channel outcome"
              values={channel}
              options={outcomeOptions}
              onChange={(v) => state.set({ channel: v.length ? v.join(",") : null })}
            />
            <SelectFilter
              label="Insights status"
              value={state.get("insights") ?? ""}
              options={INSIGHTS_STATUSES}
              onChange={(v) => state.set({ insights: v || null })}
            />
            {(sentFrom || sentTo) && <SentRange from={sentFrom} to={sentTo} onClear={() => state.reset(["sent_from", "sent_to"])} />}
            <span className="ml-auto" />
            {canWrite && (
              <Button variant="secondary" size="sm" onClick={() => setFollowUp(true)} {...preloadOn(FollowUpForm)}>
                Create follow-up batch
              </Button>
            )}
            {canWrite && (
              <Button variant="secondary" size="sm" onClick={() => setSuppress({})} {...preloadOn(AddToListForm)}>
                Add to suppression list
              </Button>
            )}
            <ExportCsvLink
              href={resultsCsvUrl(batchId, params)}
              rows={query.data?.total_count ?? 0}
              filename={`${batchId.replace(/[^A-Za-z0-9._-]/g, "_")}-results.csv`}
            />
          </DataTableToolbar>
        }
        footer={() =>
          canWrite && selectedIds.length > 0 ? (
            <SelectionBar label="Selected requests" onClear={() => setSelection({})}>
              <span>{selectedIds.length} selected</span>
              <Button size="sm" variant="danger" onClick={() => setConfirm(true)}>
                Remove selected
              </Button>
            </SelectionBar>
          ) : null
        }
      />
      <Dialog
        open={followUp}
        onClose={() => setFollowUp(false)}
        title="Create a follow-up batch"
        description="A new batch, on hold, with the contacts of these results that are worth another try."
      >
        {followUp && <FollowUpForm sourceId={batchId} campaignId={campaignId} filter={followUpFilter} onDone={() => setFollowUp(false)} />}
      </Dialog>
      <Dialog open={suppress !== null} onClose={() => setSuppress(null)} title="Add to a suppression list">
        {suppress && (
          <AddToListForm
            fromResults={{ batch_id: batchId, ...(suppress.reference_id ? { reference_id: suppress.reference_id } : followUpFilter) }}
            what={
              suppress.reference_id
                ? `the result ${suppress.reference_id}`
                : `the ${(query.data?.total_count ?? 0).toLocaleString("en-US")} result${query.data?.total_count === 1 ? "" : "s"} ${filtersActive ? "matching the filters" : "of this batch"}`
            }
            onDone={() => setSuppress(null)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={confirm}
        onClose={() => setConfirm(false)}
        onConfirm={() => removeSelected(selectedIds)}
        busy={remove.isPending}
        destructive
        title={`Remove ${selectedIds.length} request${selectedIds.length === 1 ? "" : "s"}?`}
        description="They will not be dialed. Requests already dialed cannot be removed."
        confirmLabel="Remove"
      >
        <p className="max-h-24 overflow-auto font-mono text-xs text-slate-600">{selectedIds.join(", ")}</p>
      </ConfirmDialog>
    </div>
  );
}

/** The first read of a big batch is under way: how far it has got (the table shows the rows so far). */
function ReadingProgress({ reading }: { reading: NonNullable<ResultsPage["reading"]> }) {
  const n = (v: number) => v.toLocaleString("en-US");
  const expected = reading.rows_expected;
  return (
    <div role="status" className="space-y-1 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950" data-testid="results-reading">
      <p>
        Reading the results from Syllable: {n(reading.rows_read)}
        {expected ? ` of ${n(expected)}` : ""} rows so far. The table shows these; sorts, filters and counts cover them until the read is done.
      </p>
      {expected ? <ProgressBar value={reading.rows_read / expected} label="Results read" /> : null}
    </div>
  );
}

function ResultDetails({ r, onSuppress }: { r: RequestResult; onSuppress?: () => void }) {
  return (
    <div className="space-y-3">
      <div className="grid gap-4 text-xs sm:grid-cols-2">
        <KeyValues title="Insights" values={r.insights ?? {}} none="None yet." />
        <KeyValues title="Request variables" values={r.request_variables ?? {}} none="None." />
      </div>
      {onSuppress && r.target && (
        <Button size="sm" variant="secondary" onClick={onSuppress}>
          Add {r.target} to a suppression list
        </Button>
      )}
    </div>
  );
}

/** Values from Syllable, keyed, shown as they came (strings as text, anything else as JSON). */
function KeyValues({ title, values, none }: { title: string; values: Record<string, unknown>; none: string }) {
  const entries = Object.entries(values);
  return (
    <div>
      <h3 className="font-semibold text-slate-700">{title}</h3>
      {entries.length === 0 ? (
        <p className="text-slate-500">{none}</p>
      ) : (
        <dl className="space-y-1">
          {entries.map(([k, v]) => (
            <div key={k}>
              <dt className="inline font-medium">
                <UpstreamText value={k} />:{" "}
              </dt>
              <dd className="inline whitespace-pre-wrap">
                <UpstreamText value={typeof v === "string" ? v : JSON.stringify(v)} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** The time range a report opened these results for ("sent from … to …", in UTC like every absolute time here), with a way out of it. */
function SentRange({ from, to, onClear }: { from?: string; to?: string; onClear: () => void }) {
  return (
    <p className="flex items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-2 py-1 text-sm text-indigo-950" data-testid="results-sent-range">
      <span>{[from && `Sent from ${absoluteUtc(from)}`, to && `${from ? "up to" : "Sent before"} ${absoluteUtc(to)}`].filter(Boolean).join(" ")}</span>
      <Button variant="ghost" size="sm" onClick={onClear}>
        Clear time range
      </Button>
    </p>
  );
}

"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTableColumnHeader } from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { absoluteUtc } from "@/lib/format";
import { UpstreamText } from "@/components/ui/upstream-text";
import type { RequestResult } from "@/lib/schemas/syllable";
import { RequestStatus } from "./batch-badges";
import { outcomeLabel } from "./status-colors";

/** Only requests not dialed yet can be removed. */
export const removable = (r: RequestResult) => r.request_status === "PENDING" && !r.attempt_count;

const sortable = (id: keyof RequestResult, title: string, cell: ColumnDef<RequestResult, unknown>["cell"]): ColumnDef<RequestResult, unknown> => ({
  id,
  accessorKey: id,
  header: ({ column }) => <DataTableColumnHeader column={column} title={title} />,
  cell,
});

/** The results table's columns; a selection column for those who may remove requests. */
export function resultColumns({ canWrite }: { canWrite: boolean }): ColumnDef<RequestResult, unknown>[] {
  const cols: ColumnDef<RequestResult, unknown>[] = [
    sortable("reference_id", "Reference", ({ row }) => (
      <span className="font-mono text-xs">
        <UpstreamText value={row.original.reference_id} compact />
      </span>
    )),
    sortable("target", "Target", ({ row }) => <span className="whitespace-nowrap">{row.original.target}</span>),
    sortable("request_status", "Status", ({ row }) => <RequestStatus status={row.original.request_status} />),
    sortable("channel_manager_status", "Outcome", ({ row }) => (row.original.channel_manager_status ? outcomeLabel(row.original.channel_manager_status) : "—")),
    sortable("attempt_count", "Attempts", ({ row }) => row.original.attempt_count ?? 0),
    sortable("sent_at", "Sent at", ({ row }) => (
      <span className="whitespace-nowrap text-xs">{row.original.sent_at ? absoluteUtc(row.original.sent_at) : "—"}</span>
    )),
    sortable("insights_status", "Insights", ({ row }) => row.original.insights_status ?? "—"),
    {
      id: "details",
      header: "Rating / details",
      enableSorting: false,
      cell: ({ row }) => {
        const r = row.original;
        const rating = r.insights?.rating;
        const hasMore = !!(r.insights && Object.keys(r.insights).length) || !!(r.request_variables && Object.keys(r.request_variables).length);
        const open = row.getIsExpanded();
        return (
          <span className="flex items-center gap-2">
            {typeof rating === "string" && <span className="text-xs">{rating}</span>}
            {hasMore && (
              <Button
                size="sm"
                variant="ghost"
                aria-expanded={open}
                onClick={() => row.toggleExpanded()}
                aria-label={`${open ? "Hide" : "Show"} details of ${r.reference_id}`}
              >
                {open ? "Hide" : "Show"}
              </Button>
            )}
          </span>
        );
      },
    },
  ];
  if (canWrite) {
    cols.unshift({
      id: "select",
      enableSorting: false,
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all removable rows on this page"
          checked={table.getIsAllPageRowsSelected() && table.getRowModel().rows.some((r) => r.getCanSelect())}
          onChange={(e) => table.getRowModel().rows.forEach((r) => r.getCanSelect() && r.toggleSelected(e.target.checked))}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.reference_id}`}
          disabled={!row.getCanSelect()}
          title={row.getCanSelect() ? undefined : "Only requests not dialed yet (PENDING) can be removed"}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    });
  }
  return cols;
}

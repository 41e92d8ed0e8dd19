"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import { absoluteUtc } from "@/lib/format";
import type { BatchListItem } from "@/lib/schemas/batches";
import { AutoPacedBadge, BatchStatusBadge, HoldBadge } from "./batch-badges";
import { RelativeTime } from "@/components/ui/time";
import { UpstreamText } from "@/components/ui/upstream-text";

/** The batch list's columns (sortable by the fields Syllable can order by). */
export const batchColumns: ColumnDef<BatchListItem, unknown>[] = [
  {
    id: "batch_id",
    accessorKey: "batch_id",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Batch" />,
    cell: ({ row }) => (
      <Link href={`/batches/${encodeURIComponent(row.original.batch_id)}`} className="font-medium text-indigo-700 hover:underline">
        <UpstreamText value={row.original.batch_id} compact />
      </Link>
    ),
  },
  {
    id: "campaign_id",
    accessorKey: "campaign_id",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Campaign" />,
    cell: ({ row }) => (
      <Link href={`/campaigns/${row.original.campaign_id}`} className="text-slate-700 hover:underline">
        {row.original.campaign_name ? <UpstreamText value={row.original.campaign_name} compact /> : `Campaign ${row.original.campaign_id}`}
      </Link>
    ),
  },
  {
    id: "status",
    accessorKey: "status",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
    cell: ({ row }) => (
      <span className="flex flex-wrap gap-1">
        <BatchStatusBadge status={row.original.status} />
        <HoldBadge paused={row.original.paused} />
        <AutoPacedBadge auto={row.original.auto_call_rate} baseline={row.original.auto_call_rate_baseline} />
      </span>
    ),
  },
  {
    id: "progress",
    header: "Progress",
    enableSorting: false,
    cell: ({ row }) => {
      const p = row.original.progress;
      if (!p) {
        return row.original.progress_unavailable ? (
          <span className="text-xs text-slate-500" title="Syllable did not send this batch's counts in time; the next refresh tries again.">
            Progress unavailable
          </span>
        ) : (
          <span className="text-slate-400">—</span>
        );
      }
      const pct = Math.round(p.fraction * 1000) / 10;
      return (
        <div className="w-36 space-y-1">
          <ProgressBar value={p.fraction} label={`Progress of ${row.original.batch_id}`} />
          {/* Figures never break inside themselves ("100,00/0"): only between the two parts. */}
          <p className="text-xs text-slate-500 [overflow-wrap:normal]">
            <span className="whitespace-nowrap">{pct}%</span> ·{" "}
            <span className="whitespace-nowrap">
              {p.finished.toLocaleString("en-US")} / {p.total.toLocaleString("en-US")}
            </span>
          </p>
        </div>
      );
    },
  },
  {
    id: "expires_on",
    accessorKey: "expires_on",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Expires" />,
    cell: ({ row }) => <RelativeTime iso={row.original.expires_on} clock="upstream" />,
  },
  {
    id: "created_at",
    accessorKey: "created_at",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
    cell: ({ row }) => <span title={absoluteUtc(row.original.created_at)}>{absoluteUtc(row.original.created_at).slice(0, 10)}</span>,
  },
  {
    id: "last_updated_at",
    accessorKey: "last_updated_at",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Last updated" />,
    cell: ({ row }) => (
      <span className="text-xs">
        <RelativeTime iso={row.original.last_updated_at} clock="upstream" past />
        {row.original.last_updated_by && <span className="block text-slate-500">by {row.original.last_updated_by}</span>}
      </span>
    ),
  },
];

/** A campaign's own batches (on its page): the same cells, fewer columns (a table without paging does not sort). */
export const campaignBatchColumns = batchColumns.filter((c) => ["batch_id", "status", "progress", "last_updated_at"].includes(c.id ?? ""));

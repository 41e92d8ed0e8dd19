"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { UpstreamText } from "@/components/ui/upstream-text";
import { DataTableColumnHeader } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { absoluteUtc } from "@/lib/format";
import type { CampaignListItem } from "@/lib/schemas/campaigns";
import { campaignLabels, formatRetries, formatWindow } from "./format";

/** The campaign list's columns; `countsComplete` false marks batch counts as lower bounds ("+"). */
export function campaignColumns(countsComplete: boolean): ColumnDef<CampaignListItem, unknown>[] {
  return [
    {
      id: "campaign_name",
      accessorKey: "campaign_name",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
      cell: ({ row }) => (
        <Link href={`/campaigns/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          <UpstreamText value={row.original.campaign_name} compact />
        </Link>
      ),
    },
    {
      id: "mode",
      accessorKey: "mode",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Mode" />,
      cell: ({ row }) => row.original.mode ?? "—",
    },
    {
      id: "daily_start_time",
      accessorKey: "daily_start_time",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Calling window (UTC)" />,
      cell: ({ row }) => <span className="whitespace-nowrap">{formatWindow(row.original)}</span>,
    },
    { id: "hourly_rate", header: "Hourly rate", enableSorting: false, cell: ({ row }) => row.original.hourly_rate ?? "—" },
    { id: "retries", header: "Retries", enableSorting: false, cell: ({ row }) => formatRetries(row.original) },
    {
      id: "voicemail",
      header: "Voicemail detection",
      enableSorting: false,
      cell: ({ row }) => (row.original.voicemail_detection ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>),
    },
    {
      id: "labels",
      header: "Labels",
      enableSorting: false,
      cell: ({ row }) => (
        <span className="flex flex-wrap gap-1">
          {campaignLabels(row.original).map((l) => (
            <Badge key={l} tone="violet">
              {l}
            </Badge>
          ))}
        </span>
      ),
    },
    {
      id: "batches",
      header: "Batches (active/total)",
      enableSorting: false,
      cell: ({ row }) => {
        const c = row.original.batch_counts;
        if (!c) return <span title="Batch counts are unavailable right now">—</span>;
        return (
          <Link href={`/batches?field=campaign_id&value=${row.original.id}`} className="hover:underline" title="Active = pending, active or paused">
            {c.active}/{c.total}
            {countsComplete ? "" : "+"}
          </Link>
        );
      },
    },
    {
      id: "updated_at",
      accessorKey: "updated_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Updated" />,
      cell: ({ row }) => <span className="whitespace-nowrap">{absoluteUtc(row.original.updated_at)}</span>,
    },
  ];
}

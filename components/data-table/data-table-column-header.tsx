"use client";

import type { Column } from "@tanstack/react-table";
import type { ReactNode } from "react";

/** A header cell title; sortable columns become a button that cycles ascending → descending → unsorted. */
export function DataTableColumnHeader<TData, TValue>({ column, title }: { column: Column<TData, TValue>; title: ReactNode }) {
  if (!column.getCanSort()) return <>{title}</>;
  const sorted = column.getIsSorted();
  const next = sorted === false ? "ascending" : sorted === "asc" ? "descending" : "unsorted";
  return (
    <button
      type="button"
      onClick={() => {
        if (sorted === false) column.toggleSorting(false);
        else if (sorted === "asc") column.toggleSorting(true);
        else column.clearSorting();
      }}
      className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
      title={`Sort ${next}`}
    >
      {title}
      <span aria-hidden="true" className="text-[10px]">
        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
      </span>
      <span className="sr-only">{sorted === "asc" ? "(sorted ascending)" : sorted === "desc" ? "(sorted descending)" : "(sort)"}</span>
    </button>
  );
}

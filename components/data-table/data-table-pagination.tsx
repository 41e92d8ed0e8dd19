"use client";

import type { Table } from "@tanstack/react-table";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { PAGE_SIZES } from "./use-url-state";

/** Page size select, "rows x–y of N", and first/previous/next/last buttons. */
export function DataTablePagination<TData>({
  table,
  totalCount,
  pageSizes = PAGE_SIZES,
}: {
  table: Table<TData>;
  totalCount: number;
  pageSizes?: readonly number[];
}) {
  const id = useId();
  const { pageIndex, pageSize } = table.getState().pagination;
  const pageCount = table.getPageCount();
  const from = totalCount === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(totalCount, (pageIndex + 1) * pageSize);
  const selected = table.getSelectedRowModel().rows.length;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {selected > 0 && <span className="mr-3 font-medium text-slate-800">{selected} selected ·</span>}
        Rows {from.toLocaleString("en-US")}–{to.toLocaleString("en-US")} of {totalCount.toLocaleString("en-US")}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={id} className="flex items-center gap-2">
          Rows per page
          <select
            id={id}
            value={pageSize}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
            className="rounded-md border border-slate-300 bg-white px-2 py-1"
          >
            {pageSizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span>
          Page {(pageIndex + 1).toLocaleString("en-US")} of {Math.max(1, pageCount).toLocaleString("en-US")}
        </span>
        <div className="flex gap-1">
          <Button size="sm" variant="secondary" aria-label="First page" onClick={() => table.setPageIndex(0)} disabled={!table.getCanPreviousPage()}>
            «
          </Button>
          <Button size="sm" variant="secondary" aria-label="Previous page" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            ‹
          </Button>
          <Button size="sm" variant="secondary" aria-label="Next page" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            ›
          </Button>
          <Button size="sm" variant="secondary" aria-label="Last page" onClick={() => table.setPageIndex(pageCount - 1)} disabled={!table.getCanNextPage()}>
            »
          </Button>
        </div>
      </div>
    </nav>
  );
}

"use client";

import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type Row,
  type RowSelectionState,
  type SortingState,
  type Table,
} from "@tanstack/react-table";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { DataTablePagination } from "./data-table-pagination";
import type { DataTableUrlState } from "./use-url-state";

export type DataTableProps<TData> = {
  columns: ColumnDef<TData, unknown>[];
  /** The current page of rows, as the server returned it (or every row, for a table without paging). */
  data: TData[];
  /** With `state`: the rows in all pages. */
  totalCount?: number;
  /** URL-held page/size/sort (see useDataTableUrlState); without it the table has no paging or sorting. */
  state?: DataTableUrlState;
  /** Accessible name of the table. */
  label: string;
  getRowId?: (row: TData) => string;
  loading?: boolean;
  /**
   * Showing the previous page's rows while the asked-for page loads (a query's placeholder data).
   * Not a background refetch: a table polled every second would flicker, and be judged dimmed.
   */
  refreshing?: boolean;
  empty?: ReactNode;
  toolbar?: ReactNode;
  pageSizes?: readonly number[];
  /** Row selection (controlled), e.g. to act on several rows. */
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
  enableRowSelection?: (row: Row<TData>) => boolean;
  /** Content under a row while it is expanded (TanStack's expanded state; rows toggle with row.toggleExpanded()). */
  renderSubRow?: (row: Row<TData>) => ReactNode;
  /** Exposes the table instance, e.g. for a selection action bar. */
  footer?: (table: Table<TData>) => ReactNode;
};

/**
 * The console's one table (TanStack Table v8). Server-paged with `state`: the server pages, sorts
 * and filters; this shows one page and writes page/size/sort to the URL. Without `state` it shows
 * the rows it is given, as they are. Rows can be selected and expanded.
 */
export function DataTable<TData>({
  columns,
  data,
  totalCount,
  state,
  label,
  getRowId,
  loading,
  refreshing,
  empty,
  toolbar,
  pageSizes,
  rowSelection,
  onRowSelectionChange,
  enableRowSelection,
  renderSubRow,
  footer,
}: DataTableProps<TData>) {
  const rowCount = totalCount ?? data.length;
  const pageSize = state?.pageSize ?? Math.max(1, data.length);
  const pageCount = Math.max(1, Math.ceil(rowCount / pageSize));
  const sorting: SortingState = state?.sort ? [{ id: state.sort, desc: state.dir === "desc" }] : [];

  // TanStack's state is derived from the URL every render; changes go back to the URL.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowCanExpand: () => !!renderSubRow,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSorting: !!state,
    pageCount,
    rowCount,
    state: {
      pagination: { pageIndex: (state?.page ?? 1) - 1, pageSize },
      sorting,
      rowSelection: rowSelection ?? {},
    },
    enableRowSelection: enableRowSelection ?? !!onRowSelectionChange,
    onRowSelectionChange,
    onPaginationChange: (updater) => {
      if (!state) return;
      const prev = { pageIndex: state.page - 1, pageSize: state.pageSize };
      const next = typeof updater === "function" ? updater(prev) : updater;
      if (next.pageSize !== prev.pageSize) state.set({ limit: next.pageSize, page: null });
      else state.set({ page: next.pageIndex + 1 });
    },
    onSortingChange: (updater) => {
      if (!state) return;
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      state.set({ sort: first?.id ?? null, dir: first ? (first.desc ? "desc" : "asc") : null });
    },
  });

  const rows = table.getRowModel().rows;
  return (
    <div className="space-y-3">
      {toolbar}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label={label} aria-busy={loading || refreshing || undefined}>
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="whitespace-nowrap px-3 py-2 font-medium"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : header.column.getCanSort() ? "none" : undefined}
                    >
                      {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={cn("divide-y divide-slate-100", refreshing && "opacity-70")}>
            {loading && rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="p-8 text-center text-slate-500">
                  <Spinner label="Loading…" />
                </td>
              </tr>
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="p-8 text-center text-slate-500">
                  {empty ?? "No results."}
                </td>
              </tr>
            ) : (
              rows.map((row) => <DataRow key={row.id} row={row} renderSubRow={renderSubRow} colSpan={columns.length} />)
            )}
          </tbody>
        </table>
      </div>
      {footer?.(table)}
      {state && <DataTablePagination table={table} totalCount={rowCount} pageSizes={pageSizes} />}
    </div>
  );
}

function DataRow<TData>({ row, renderSubRow, colSpan }: { row: Row<TData>; renderSubRow?: (row: Row<TData>) => ReactNode; colSpan: number }) {
  const sub = row.getIsExpanded() ? renderSubRow?.(row) : null;
  return (
    <>
      <tr data-state={row.getIsSelected() ? "selected" : undefined} className="align-top hover:bg-slate-50 data-[state=selected]:bg-indigo-50">
        {row.getVisibleCells().map((cell) => (
          <td key={cell.id} className="px-3 py-2">
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        ))}
      </tr>
      {sub ? (
        <tr>
          <td colSpan={colSpan} className="bg-slate-50 px-3 py-2">
            {sub}
          </td>
        </tr>
      ) : null}
    </>
  );
}

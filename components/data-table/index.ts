export { DataTable, type DataTableProps } from "./data-table";
export { DataTableColumnHeader } from "./data-table-column-header";
export { DataTablePagination } from "./data-table-pagination";
export { DataTableToolbar, DateFilter, DebouncedSearchInput, MultiSelectFilter, SelectFilter, SelectionBar } from "./data-table-toolbar";
export { useDataTableUrlState, PAGE_SIZES, type DataTableUrlState, type SortDir, type UrlPatch } from "./use-url-state";

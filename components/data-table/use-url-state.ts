"use client";

import { useQueryStates } from "nuqs";
import { useMemo } from "react";
import { tableParsers, tableUrlOf, type SortDir, type TableSpec } from "@/lib/queries/table-url";

export type UrlPatch = Record<string, string | number | null | undefined>;

export type DataTableUrlState = {
  /** 1-based page, as shown to people and held in the URL. */
  page: number;
  pageSize: number;
  sort: string | undefined;
  dir: SortDir;
  get(key: string): string | undefined;
  /** Sets filters (or anything) and goes back to page 1 unless `page` is in the patch. `null`/`""` removes a key. */
  set(patch: UrlPatch): void;
  /** Clears the given keys and goes back to page 1. */
  reset(keys: string[]): void;
};

/**
 * Page / page size / sort / filters of a server-paged table, held in the URL (`page`, `limit`,
 * `sort`, `dir` and the table's filter keys) with nuqs, through the same parsers the server page
 * and the query use (lib/queries/table-url.ts). Writes push a history entry, so links are
 * shareable and the back button walks through filter/page changes; several writes in one tick
 * build on each other (nuqs queues them into one URL update).
 */
export function useDataTableUrlState<F extends string>(spec: TableSpec<F>): DataTableUrlState {
  // shallow: false, so the server page (which prefetches from the URL) renders for the new URL too.
  const [values, setValues] = useQueryStates(tableParsers(spec), { history: "push", scroll: false, shallow: false });

  return useMemo(() => {
    const url = tableUrlOf(values, spec);
    const write = (patch: UrlPatch) =>
      void setValues(
        Object.fromEntries(
          Object.entries(patch).map(([key, value]) => [
            key,
            value === null || value === undefined || value === "" ? null : key === "page" || key === "limit" ? Number(value) : String(value),
          ]),
        ) as Parameters<typeof setValues>[0],
      );
    return {
      page: url.page,
      pageSize: url.pageSize,
      sort: url.sort,
      dir: url.dir,
      get: (key: string) => url.filters[key as F],
      set: (patch: UrlPatch) => write("page" in patch ? patch : { ...patch, page: null }),
      reset: (keys: string[]) => write(Object.fromEntries([...keys, "page"].map((k) => [k, null]))),
    };
  }, [values, setValues, spec]);
}

export { PAGE_SIZES, type SortDir } from "@/lib/queries/table-url";

"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";
import { parseTableUrl, type SortDir, type TableSpec } from "@/lib/queries/table-url";

export type UrlPatch = Record<string, string | number | null | undefined>;

/**
 * Search-param state: read with `get`, write with `set(patch)`. Writes push a history entry, so
 * links are shareable and the back button walks through filter/page changes. `null`/`""` removes a key.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  const get = useCallback((key: string): string | undefined => searchParams.get(key) ?? undefined, [searchParams]);

  // The URL this page last asked for, and the one it was on then: two writes before the router
  // re-renders (both dates set within a second) must build on each other, not both on the old URL.
  const pending = useRef<{ from: string; next: string } | null>(null);
  const set = useCallback(
    (patch: UrlPatch, opts: { replace?: boolean } = {}) => {
      const current = searchParams.toString();
      const next = new URLSearchParams(pending.current?.from === current ? pending.current.next : current);
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      const qs = next.toString();
      pending.current = { from: current, next: qs };
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (opts.replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [router, pathname, searchParams],
  );

  return { searchParams, get, set };
}

export type DataTableUrlState = {
  /** 1-based page, as shown to people and held in the URL. */
  page: number;
  pageSize: number;
  sort: string | undefined;
  dir: SortDir;
  get(key: string): string | undefined;
  /** Sets filters (or anything) and goes back to page 1 unless `page` is in the patch. */
  set(patch: UrlPatch): void;
  /** Clears the given keys and goes back to page 1. */
  reset(keys: string[]): void;
};

/**
 * Page / page size / sort / filters of a server-paged table, held in the URL (`page`, `limit`,
 * `sort`, `dir`), read with the same parser (and spec) the server page and the query use.
 */
export function useDataTableUrlState(spec: TableSpec): DataTableUrlState {
  const { searchParams, get, set: setRaw } = useUrlState();
  const { page, pageSize, sort, dir } = parseTableUrl(searchParams, spec);

  return useMemo(
    () => ({
      page,
      pageSize,
      sort,
      dir,
      get,
      set: (patch: UrlPatch) => setRaw("page" in patch ? patch : { ...patch, page: null }),
      reset: (keys: string[]) => setRaw(Object.fromEntries([...keys, "page"].map((k) => [k, null]))),
    }),
    [page, pageSize, sort, dir, get, setRaw],
  );
}

export { PAGE_SIZES, type SortDir } from "@/lib/queries/table-url";

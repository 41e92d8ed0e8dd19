// One parser for the URL state of every server-paged table (page, limit, sort, dir, filters). The
// server page, the client hook and the query key all read the URL through it, so they cannot
// disagree (e.g. an unlisted `?limit=30` means the default size everywhere, not just in the UI).

/** A page's search params as Next hands them to a server page, or as the browser has them. */
export type SearchLike = URLSearchParams | { get(key: string): string | null } | Record<string, string | string[] | undefined>;

/** The first non-empty value of `key`, or undefined. */
export function readParam(sp: SearchLike, key: string): string | undefined {
  const v = typeof (sp as URLSearchParams).get === "function" ? (sp as URLSearchParams).get(key) : (sp as Record<string, string | string[] | undefined>)[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === null || s === undefined || s === "" ? undefined : s;
}

export type SortDir = "asc" | "desc";

/** How one table reads its URL: the page sizes it offers and its defaults. */
export type TableSpec = { pageSizes: readonly number[]; defaultPageSize: number; defaultSort?: string; defaultDir?: SortDir };

export type TableUrl = { page: number; pageSize: number; sort: string | undefined; dir: SortDir };

/** Page (1-based), page size (one of the offered sizes, else the default), sort and direction. */
export function parseTableUrl(sp: SearchLike, spec: TableSpec): TableUrl {
  const rawPage = Number(readParam(sp, "page"));
  const rawLimit = Number(readParam(sp, "limit"));
  const dirParam = readParam(sp, "dir");
  return {
    page: Number.isInteger(rawPage) && rawPage >= 1 ? rawPage : 1,
    pageSize: spec.pageSizes.includes(rawLimit) ? rawLimit : spec.defaultPageSize,
    sort: readParam(sp, "sort") ?? spec.defaultSort,
    dir: dirParam === "asc" || dirParam === "desc" ? dirParam : (spec.defaultDir ?? "asc"),
  };
}

export const PAGE_SIZES: readonly number[] = [10, 25, 50, 100];
export const BATCH_LIST_TABLE: TableSpec = { pageSizes: PAGE_SIZES, defaultPageSize: 25 };
export const CAMPAIGN_LIST_TABLE: TableSpec = { pageSizes: PAGE_SIZES, defaultPageSize: 25 };
export const RESULTS_TABLE: TableSpec = { pageSizes: [25, 50, 100, 250], defaultPageSize: 50 };
export const AUDIT_TABLE: TableSpec = { pageSizes: [25, 50, 100, 200], defaultPageSize: 100 };

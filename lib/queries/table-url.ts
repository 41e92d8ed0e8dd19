// One parser for the URL state of every server-paged table (page, limit, sort, dir, filters), in
// nuqs parsers. The server page, the client hook (useQueryStates with the same parsers) and the
// query key all read the URL through it, so they cannot disagree (e.g. an unlisted `?limit=30`
// means the default size everywhere, not just in the UI).
import { createLoader, createParser, parseAsNumberLiteral, parseAsStringLiteral } from "nuqs/server";

/** A page's search params as Next hands them to a server page, or as the browser has them. */
export type SearchLike = URLSearchParams | Record<string, string | string[] | undefined>;

export type SortDir = "asc" | "desc";

/** How one table reads its URL: the page sizes it offers, its defaults and its filter keys. */
export type TableSpec<F extends string = string> = {
  pageSizes: readonly number[];
  defaultPageSize: number;
  defaultSort?: string;
  defaultDir?: SortDir;
  filters: readonly F[];
};

export type TableUrl<F extends string = string> = {
  page: number;
  pageSize: number;
  sort: string | undefined;
  dir: SortDir;
  filters: Partial<Record<F, string>>;
};

/** A 1-based page: a whole number from 1 (nuqs's parseAsInteger would read "2.5" as 2). */
const parseAsPage = createParser({
  parse: (v) => (/^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : null),
  serialize: String,
});
/** Text where an empty value means "not set". */
const parseAsText = createParser({ parse: (v) => (v === "" ? null : v), serialize: (v: string) => v });

function buildParsers<F extends string>(spec: TableSpec<F>) {
  return {
    page: parseAsPage.withDefault(1),
    limit: parseAsNumberLiteral(spec.pageSizes).withDefault(spec.defaultPageSize),
    sort: parseAsText,
    dir: parseAsStringLiteral(["asc", "desc"] as const),
    ...(Object.fromEntries(spec.filters.map((f) => [f, parseAsText])) as Record<F, typeof parseAsText>),
  };
}
type TableParsers = ReturnType<typeof buildParsers>;
// One set of parsers (and one loader) per table, made once: the specs below are module constants.
const parsersBySpec = new WeakMap<TableSpec, TableParsers>();
const loadersBySpec = new WeakMap<TableSpec, (sp: SearchLike) => unknown>();

/** The nuqs parsers of a table's URL keys (`limit` holds the page size); the same object for the same table. */
export function tableParsers<F extends string>(spec: TableSpec<F>): ReturnType<typeof buildParsers<F>> {
  let parsers = parsersBySpec.get(spec);
  if (!parsers) parsersBySpec.set(spec, (parsers = buildParsers(spec)));
  return parsers;
}

/** The table's URL from values its parsers produced: what the server page, the query and the browser's hook all see. */
export function tableUrlOf<F extends string>(values: unknown, spec: TableSpec<F>): TableUrl<F> {
  const v = values as Record<string, unknown> & { page: number; limit: number; sort: string | null; dir: SortDir | null };
  const filters: Partial<Record<F, string>> = {};
  for (const f of spec.filters) if (typeof v[f] === "string") filters[f] = v[f];
  return { page: v.page, pageSize: v.limit, sort: v.sort ?? spec.defaultSort, dir: v.dir ?? spec.defaultDir ?? "asc", filters };
}

/** Page (1-based), page size (one of the offered sizes, else the default), sort, direction and filters. */
export function parseTableUrl<F extends string>(sp: SearchLike, spec: TableSpec<F>): TableUrl<F> {
  let load = loadersBySpec.get(spec);
  if (!load) loadersBySpec.set(spec, (load = createLoader(tableParsers(spec))));
  return tableUrlOf(load(sp), spec);
}

export const PAGE_SIZES: readonly number[] = [10, 25, 50, 100];
export const BATCH_LIST_TABLE: TableSpec<"field" | "value" | "start" | "end"> = {
  pageSizes: PAGE_SIZES,
  defaultPageSize: 25,
  filters: ["field", "value", "start", "end"],
};
export const CAMPAIGN_LIST_TABLE: TableSpec<"q" | "label" | "mode"> = { pageSizes: PAGE_SIZES, defaultPageSize: 25, filters: ["q", "label", "mode"] };
/** `sent_from`/`sent_to`: the hour or day a report opened the results for. */
export const RESULTS_TABLE: TableSpec<"status" | "channel" | "insights" | "q" | "sent_from" | "sent_to"> = {
  pageSizes: [25, 50, 100, 250],
  defaultPageSize: 50,
  filters: ["status", "channel", "insights", "q", "sent_from", "sent_to"],
};
export const SUPPRESSION_NUMBERS_TABLE: TableSpec<"q"> = { pageSizes: PAGE_SIZES, defaultPageSize: 50, filters: ["q"] };
/** The audit filters the URL may hold (the page reads and writes these). */
export const AUDIT_FILTERS = ["actor", "action", "target", "from", "to"] as const;
export const AUDIT_TABLE: TableSpec<(typeof AUDIT_FILTERS)[number]> = { pageSizes: [25, 50, 100, 200], defaultPageSize: 100, filters: AUDIT_FILTERS };

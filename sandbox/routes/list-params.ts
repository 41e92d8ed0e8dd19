// Query parameters shared by the two list endpoints, validated like FastAPI and applied in JS
// (both collections are small enough that SQL-side paging would buy nothing).
import type { Context } from "hono";
import { parseDateTime, parseEnumParam, parseIntParam, ValidationFailure, type FastApiError } from "../validation";

export interface ListParams<P extends string> {
  page: number;
  limit: number;
  search: { field: P; value: string }[];
  order_by: P | null;
  direction: "asc" | "desc" | null;
  fields: P[];
  start: number | null;
  end: number | null;
}

const MAX_LIMIT = 1000;

export function parseListParams<P extends string>(c: Context, properties: readonly P[]): ListParams<P> {
  const errors: FastApiError[] = [];
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ValidationFailure) errors.push(...err.errors);
      else throw err;
      return fallback;
    }
  };
  const one = (name: string) => c.req.query(name);
  const many = (name: string) => c.req.queries(name) ?? [];

  const page = attempt(() => {
    const raw = one("page");
    if (raw === undefined || raw === "") return 0;
    const n = parseIntParam(raw, ["query", "page"]);
    if (n < 0)
      throw new ValidationFailure([{ loc: ["query", "page"], msg: "Input should be greater than or equal to 0", type: "greater_than_equal", ctx: { ge: 0 } }]);
    return n;
  }, 0);
  const limit = attempt(() => {
    const raw = one("limit");
    if (raw === undefined || raw === "") return 25;
    const n = parseIntParam(raw, ["query", "limit"]);
    if (n < 0)
      throw new ValidationFailure([{ loc: ["query", "limit"], msg: "Input should be greater than or equal to 0", type: "greater_than_equal", ctx: { ge: 0 } }]);
    return Math.min(n, MAX_LIMIT);
  }, 25);
  const searchFields = many("search_fields").map((v, i) => attempt(() => parseEnumParam(v, properties, ["query", "search_fields", i]), v as P));
  const searchValues = many("search_field_values");
  if (searchFields.length !== searchValues.length) {
    errors.push({
      loc: ["query", "search_field_values"],
      msg: "Value error, search_fields and search_field_values must have the same number of entries",
      type: "value_error",
    });
  }
  const orderRaw = one("order_by");
  const order_by = orderRaw ? attempt(() => parseEnumParam(orderRaw, properties, ["query", "order_by"]), null) : null;
  const dirRaw = one("order_by_direction");
  const direction = dirRaw ? attempt(() => parseEnumParam(dirRaw, ["asc", "desc"] as const, ["query", "order_by_direction"]), null) : null;
  const fields = many("fields").map((v, i) => attempt(() => parseEnumParam(v, properties, ["query", "fields", i]), v as P));
  const date = (name: "start_datetime" | "end_datetime"): number | null => {
    const raw = one(name);
    if (raw === undefined || raw === "") return null;
    const iso = parseDateTime(raw);
    if (iso === null) {
      errors.push({ loc: ["query", name], msg: "Input should be a valid datetime", type: "datetime_parsing" });
      return null;
    }
    return Date.parse(iso);
  };
  const start = date("start_datetime");
  const end = date("end_datetime");
  if (errors.length > 0) throw new ValidationFailure(errors);
  return {
    page,
    limit,
    search: searchFields.map((field, i) => ({ field, value: searchValues[i] ?? "" })),
    order_by,
    direction,
    fields,
    start,
    end,
  };
}

function sortKey(v: unknown): string | number {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return v;
  if (typeof v === "string") return v.toLowerCase();
  return JSON.stringify(v).toLowerCase();
}

/** Orders, pages and projects items; returns the ListResponse body. */
export function listResponse<T extends Record<string, unknown>>(
  items: T[],
  params: ListParams<string>,
  opts: { required: readonly string[]; defaultKey: string; defaultDir: "asc" | "desc"; tieKey: string },
): Record<string, unknown> {
  const key = params.order_by ?? opts.defaultKey;
  const dir = (params.direction ?? (params.order_by ? "asc" : opts.defaultDir)) === "desc" ? -1 : 1;
  const cmp = (x: string | number, y: string | number): number => {
    if (x === y) return 0;
    if (typeof x === "number" && typeof y === "number") return x - y;
    // Mixed types (a number vs "" for null) compare as strings; nulls sort first ascending.
    return String(x) < String(y) ? -1 : 1;
  };
  const sorted = [...items].sort((a, b) => cmp(sortKey(a[key]), sortKey(b[key])) * dir || cmp(sortKey(a[opts.tieKey]), sortKey(b[opts.tieKey])));
  const total = sorted.length;
  const pageItems = params.limit === 0 ? [] : sorted.slice(params.page * params.limit, (params.page + 1) * params.limit);
  const projected =
    params.fields.length === 0
      ? pageItems
      : pageItems.map((item) => {
          const out: Record<string, unknown> = {};
          for (const k of [...opts.required, ...params.fields]) if (k in item) out[k] = item[k];
          return out;
        });
  return {
    items: projected,
    page: params.page,
    page_size: params.limit,
    total_count: total,
    total_pages: params.limit === 0 ? 0 : Math.ceil(total / params.limit),
  };
}

/** created_at within [start, end]. */
export function inDateRange(createdAt: unknown, params: ListParams<string>): boolean {
  if (params.start === null && params.end === null) return true;
  const t = typeof createdAt === "string" ? Date.parse(createdAt) : NaN;
  if (Number.isNaN(t)) return false;
  return (params.start === null || t >= params.start) && (params.end === null || t <= params.end);
}

// The paging every list of the console's API shares: 1-based `page` (what people see and the URL
// holds; handlers convert to Syllable's 0-based pages), a bounded `limit`, and one envelope.
import "./zod-config";
import { z } from "zod";

/** `page` and `limit` query parameters of a list. */
export const pagingParams = (opts: { defaultLimit: number; maxLimit: number }) => ({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(opts.maxLimit).default(opts.defaultLimit),
});

export const sortDirSchema = z.enum(["asc", "desc"]);

/** The console's paged envelope (1-based page). */
export type Paged<T> = { items: T[]; page: number; page_size: number; total_count: number; total_pages: number };

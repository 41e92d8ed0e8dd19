import { json, withRole } from "@/lib/server/auth/with-role";
import { getStore } from "@/lib/server/store";
import { listIdOf, requireList, toEntryInfo } from "@/lib/server/suppression/lists";
import { addNumbers } from "@/lib/server/suppression/numbers";

/** A page of the list's numbers, searched by number or reason. */
export const GET = withRole("GET /api/suppression-lists/[listId]/numbers", async ({ params, query }) => {
  const list = await requireList(listIdOf(params.listId));
  const { items, total } = await getStore().suppression.numbers(list.id, { text: query.q, offset: (query.page - 1) * query.limit, limit: query.limit });
  const now = new Date().toISOString();
  const total_count = total ?? 0;
  return json({
    items: items.map((e) => toEntryInfo(e, now)),
    page: query.page,
    page_size: query.limit,
    total_count,
    total_pages: Math.max(1, Math.ceil(total_count / query.limit)),
  });
});

/** Numbers typed, pasted or sent by another system, or the targets of a results selection. */
export const POST = withRole("POST /api/suppression-lists/[listId]/numbers", async ({ body, user, params }) =>
  json(await addNumbers(user, listIdOf(params.listId), body)),
);

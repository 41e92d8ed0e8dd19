import { json, withRole } from "@/lib/server/auth/with-role";
import { deleteList, listIdOf, requireList, toListInfo, updateList } from "@/lib/server/suppression/lists";

export const GET = withRole("GET /api/suppression-lists/[listId]", async ({ params }) => json(toListInfo(await requireList(listIdOf(params.listId)))));

export const PATCH = withRole("PATCH /api/suppression-lists/[listId]", async ({ body, user, params }) =>
  json(await updateList(user, listIdOf(params.listId), body)),
);

/** Admins only, with a reason: the numbers on it may be called again. */
export const DELETE = withRole("DELETE /api/suppression-lists/[listId]", async ({ body, user, params }) =>
  json(await deleteList(user, listIdOf(params.listId), body.reason)),
);

import { json, withRole } from "@/lib/server/auth/with-role";
import { getStore } from "@/lib/server/store";
import { createList, toListInfo } from "@/lib/server/suppression/lists";

/** Every suppression list, by name. */
export const GET = withRole("GET /api/suppression-lists", async () =>
  json({ items: (await getStore().suppression.lists(new Date().toISOString())).map(toListInfo) }),
);

/** A new list (managers); its name is unique, ignoring case. */
export const POST = withRole("POST /api/suppression-lists", async ({ body, user }) => json(await createList(user, body), { status: 201 }));

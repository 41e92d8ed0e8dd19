import { readPhoneNumber } from "@/lib/domain/phone-number";
import { json, withRole } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";
import { listIdOf, removeNumber } from "@/lib/server/suppression/lists";

/** Admins only, with a reason. The number may be written any way (URL-encoded "+1 212…" or national). */
export const DELETE = withRole("DELETE /api/suppression-lists/[listId]/numbers/[number]", async ({ body, user, params }) => {
  const read = readPhoneNumber(params.number, getConfig().defaultCountry);
  return json(await removeNumber(user, listIdOf(params.listId), "number" in read ? read.number : params.number.trim(), body.reason));
});

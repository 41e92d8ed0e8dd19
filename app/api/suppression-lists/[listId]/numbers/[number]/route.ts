import { readPhoneNumber } from "@/lib/domain/phone-number";
import { json, withRole } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";
import { listIdOf, removeNumber } from "@/lib/server/suppression/lists";

/** Admins only, with a reason. The number may be written any way (URL-encoded "+1 212…" or national). */
export const DELETE = withRole("DELETE /api/suppression-lists/[listId]/numbers/[number]", async ({ body, user, params }) => {
  // Next hands the segment decoded; a client that encoded "+" twice still means the number.
  const raw = /%[0-9a-f]{2}/i.test(params.number) ? safeDecode(params.number) : params.number;
  const read = readPhoneNumber(raw, getConfig().defaultCountry);
  return json(await removeNumber(user, listIdOf(params.listId), "number" in read ? read.number : raw.trim(), body.reason));
});

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

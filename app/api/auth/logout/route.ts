import { getSession } from "@/lib/server/auth/session";
import { json } from "@/lib/server/auth/with-role";
import { errorResponse } from "@/lib/server/errors";

export async function POST() {
  try {
    (await getSession()).destroy();
    return json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}

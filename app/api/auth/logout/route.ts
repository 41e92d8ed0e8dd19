import { endSession } from "@/lib/server/auth/session";
import { json } from "@/lib/server/auth/with-role";
import { errorResponse } from "@/lib/server/errors";
import { assertSameOrigin } from "@/lib/server/http/same-origin";

/** Deletes the stored session, so the cookie is worthless even if something kept a copy. */
export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    await endSession();
    return json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}

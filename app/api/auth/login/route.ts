import { loginSchema } from "@/lib/schemas/auth";
import { dummyPasswordHash, verifyPassword } from "@/lib/server/auth/password";
import { ensureDemoUsers } from "@/lib/server/auth/demo-users";
import { getSession } from "@/lib/server/auth/session";
import { json } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";
import { ApiError, errorResponse, parseJsonBody } from "@/lib/server/errors";
import { getStore } from "@/lib/server/store";

export async function POST(req: Request) {
  try {
    const { email, password } = await parseJsonBody(req, loginSchema);
    await ensureDemoUsers();
    const user = getStore().users.findByEmail(email);
    // Verify against a dummy hash for unknown emails so response time does not reveal who has an account.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) throw new ApiError("unauthorized", "That email and password don't match an account.");
    const session = await getSession();
    session.userId = user.id;
    await session.save();
    return json({ user: { id: user.id, email: user.email, role: user.role }, mode: getConfig().mode });
  } catch (err) {
    return errorResponse(err);
  }
}

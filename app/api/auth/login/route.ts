import { json, withRole } from "@/lib/server/auth/with-role";
import { signIn } from "@/lib/server/auth/sign-in";
import { getConfig } from "@/lib/server/env";
import { clientAddress } from "@/lib/server/http/client-address";

/** Signs in (the same-origin check stops login CSRF, which would sign a victim into the attacker's account). */
export const POST = withRole("POST /api/auth/login", async ({ req, body }) =>
  json({ user: await signIn(body, clientAddress(req.headers)), mode: getConfig().mode }),
);

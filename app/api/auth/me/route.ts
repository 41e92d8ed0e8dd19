import { json, withRole } from "@/lib/server/auth/with-role";
import { getConfig } from "@/lib/server/env";

export const GET = withRole("supervisor", async ({ user }) => json({ user, mode: getConfig().mode }));

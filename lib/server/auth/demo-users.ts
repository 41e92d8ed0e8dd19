import "server-only";
import { ROLES } from "@/lib/schemas/roles";
import { getConfig } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import { hashPassword } from "./password";

export const DEMO_PASSWORD = "sandbox";
export const DEMO_USERS = ROLES.map((role) => ({ email: `${role}@sandbox.local`, role }));

let ensured: Promise<void> | undefined;

/** In sandbox mode, makes sure the three demo users exist. Live mode has no default users. */
export function ensureDemoUsers(): Promise<void> {
  if (getConfig().mode !== "sandbox") return Promise.resolve();
  ensured ??= (async () => {
    const users = getStore().users;
    for (const demo of DEMO_USERS) {
      if (!(await users.findByEmail(demo.email))) {
        await users.create({ ...demo, passwordHash: await hashPassword(DEMO_PASSWORD) });
      }
    }
  })().catch((err: unknown) => {
    ensured = undefined;
    throw err;
  });
  return ensured;
}

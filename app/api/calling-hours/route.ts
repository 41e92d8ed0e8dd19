import { json, withRole } from "@/lib/server/auth/with-role";
import { callingHoursPolicy, saveCallingHours } from "@/lib/server/schedule/policy";

export const GET = withRole("GET /api/calling-hours", async () => json(await callingHoursPolicy()));

/** Admins: the policy as a whole; the scheduler applies it from its next tick. */
export const PUT = withRole("PUT /api/calling-hours", async ({ body, user }) => json(await saveCallingHours(user, body)));

import "server-only";
// The admins' calling-hours policy (GET/PUT /api/calling-hours), kept in the store's settings,
// and a batch's schedule as stored: what the scheduler, the schedule view and the batch's ETA
// all read.
import { DEFAULT_POLICY, type BatchSchedule, type CallingHoursPolicy } from "@/lib/domain/calling-hours";
import type { CallingHoursInput } from "@/lib/schemas/schedule";
import { auditBy } from "@/lib/server/audit";
import type { SessionUser } from "@/lib/server/auth/session-user";
import { getConfig } from "@/lib/server/env";
import { getStore } from "@/lib/server/store";
import type { ScheduleRow } from "@/lib/server/store/types";

const POLICY_KEY = "calling_hours";

/** The calling-hours policy: the admins' one, or the default (on unless CALLING_HOURS=off). */
export async function callingHoursPolicy(): Promise<CallingHoursPolicy & { updated_by: string | null; updated_at: string | null }> {
  const saved = await getStore().settings.get(POLICY_KEY);
  if (saved) return { ...(saved.body as CallingHoursPolicy), updated_by: saved.updatedBy, updated_at: saved.updatedAt };
  return { ...DEFAULT_POLICY, enabled: getConfig().callingHoursByDefault, updated_by: null, updated_at: null };
}

export async function saveCallingHours(user: SessionUser, policy: CallingHoursInput) {
  const before = await callingHoursPolicy();
  const at = new Date().toISOString();
  await getStore().settings.put(POLICY_KEY, policy, user.email, at);
  await auditBy(user, "calling_hours.update", "settings:calling_hours", {
    before: { enabled: before.enabled, default_hours: before.default_hours, rules: before.rules },
    after: policy,
  });
  return { ...policy, updated_by: user.email, updated_at: at };
}

/** A batch's schedule from its stored row (none: only the calling hours apply). */
export const scheduleOf = (row: Pick<ScheduleRow, "body"> | null): BatchSchedule & { reason?: string } => row?.body ?? {};

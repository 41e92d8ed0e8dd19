import "server-only";
// The console's one scheduler. Every SCHEDULER_TICK_S (5 s) the instance holding its lease looks
// at each batch it follows: batches with a schedule a person set, and (while calling hours are
// on) every active voice batch. It works out what the schedule and the recipients' calling hours
// say now (lib/domain/calling-hours.ts) and, only when that differs from what it last did, reads
// the batch and pauses or resumes it upstream, audited with the reason (and "late by N min" when
// the console was down at the time). It never resumes a batch a person paused: a hold it did not
// make is not its to release. Everything it knows is in the store, so a restart or another
// instance taking over changes nothing that is already right.
import {
  localHoursOn,
  transitions,
  verdictAt,
  type BatchSchedule,
  type CallingHoursPolicy,
  type RecipientGroup,
  type Verdict,
} from "@/lib/domain/calling-hours";
import type { SchedulePut, ScheduleView } from "@/lib/schemas/schedule";
import { audited, auditBy } from "@/lib/server/audit";
import type { SessionUser } from "@/lib/server/auth/session-user";
import { campaignIndex } from "@/lib/server/batches/campaign-index";
import { ApiError } from "@/lib/server/errors";
import { INSTANCE_ID } from "@/lib/server/instance";
import { processSingleton } from "@/lib/process-singletons";
import { getStore } from "@/lib/server/store";
import type { ScheduleRow } from "@/lib/server/store/types";
import { loadBatchDetail } from "@/lib/server/live/batch-detail";
import { getSyllable } from "@/lib/server/syllable";
import { callingHoursPolicy, scheduleOf } from "./policy";
import { pendingRecipientGroups } from "./recipients";

const LEASE_KEY = "scheduler";
const LEASE_MS = 30_000;
/** Recipients are counted again this often (and after any change to the batch's requests). */
const GROUPS_TTL_MS = 5 * 60_000;
/** Later than this, a transition is audited as late (the console was down or busy). */
const LATE_MS = 60_000;
const FINISHED = new Set(["COMPLETED", "CANCELED", "CANCELLED", "EXPIRED", "FAILED"]);

/** The console itself, as the audit log names it. */
export const SCHEDULER_ACTOR = { email: "scheduler", role: "system" as const };

/** The recipients by place, counted again when stale. */
async function groupsOf(row: ScheduleRow, policy: CallingHoursPolicy, now: number): Promise<RecipientGroup[]> {
  if (!localHoursOn(scheduleOf(row), policy)) return [];
  if (row.groupsAt && now - row.groupsAt < GROUPS_TTL_MS) return row.groups as RecipientGroup[];
  const groups = await pendingRecipientGroups(row.batchId);
  await getStore().schedules.setGroups(row.batchId, groups, now);
  return groups;
}

/** How late a change is: from the transition that was due since the last one applied. */
function lateBy(row: ScheduleRow, schedule: BatchSchedule, groups: RecipientGroup[], policy: CallingHoursPolicy, now: number): number {
  if (!row.stateAt) return 0;
  const due = transitions(schedule, groups, policy, row.stateAt, Math.max(0, now - row.stateAt)).at(-1);
  return due ? now - Date.parse(due.at) : 0;
}

/** Brings one batch to what its schedule says now; answers what it did. */
async function applyOne(row: ScheduleRow, policy: CallingHoursPolicy, now: number): Promise<"held" | "released" | null> {
  const store = getStore().schedules;
  const schedule = scheduleOf(row);
  const groups = await groupsOf(row, policy, now);
  const verdict = verdictAt(schedule, groups, policy, now);
  // Only a change of state is news (the reason's local clock moves every minute).
  if (verdict.state === row.state) return null;
  const batch = await getSyllable().getBatch(row.batchId);
  if (FINISHED.has(String(batch.status ?? "").toUpperCase())) {
    await store.remove(row.batchId);
    return null;
  }
  const late = lateBy(row, schedule, groups, policy, now);
  const detail = { reason: verdict.reason, ...(late > LATE_MS ? { late_by_min: Math.round(late / 60_000) } : {}) };
  if (verdict.state === "held" && batch.paused !== true) {
    await audited(SCHEDULER_ACTOR, "batch.schedule.hold", `batch:${row.batchId}`, detail, () => getSyllable().updateBatch(row.batchId, { paused: true }));
    await store.noteState(row.batchId, { ...verdict, at: now, heldBySchedule: true });
    return "held";
  }
  if (verdict.state === "released" && batch.paused === true && row.heldBySchedule) {
    await audited(SCHEDULER_ACTOR, "batch.schedule.release", `batch:${row.batchId}`, detail, () => getSyllable().updateBatch(row.batchId, { paused: false }));
    await store.noteState(row.batchId, { ...verdict, at: now, heldBySchedule: false });
    return "released";
  }
  // Nothing to send: already as it should be, or on hold by a person (whose pause wins).
  await store.noteState(row.batchId, { ...verdict, at: now, heldBySchedule: verdict.state === "held" && batch.paused === true && row.heldBySchedule });
  return null;
}

/** Active voice batches not followed yet: calling hours apply to them. */
async function followActiveVoiceBatches(known: Set<string>): Promise<void> {
  const [active, campaigns] = await Promise.all([
    getSyllable().listBatches({ search: [{ field: "status", value: "ACTIVE" }], limit: 200, order_by: "last_updated_at", order_by_direction: "desc" }),
    campaignIndex(),
  ]);
  const at = new Date().toISOString();
  for (const b of active.items) {
    if (known.has(b.batch_id) || b.paused === true) continue;
    const mode = String(campaigns.get(b.campaign_id)?.mode ?? "voice").toLowerCase();
    if (mode !== "voice") continue;
    await getStore().schedules.put(b.batch_id, {}, false, SCHEDULER_ACTOR.email, at);
  }
}

/**
 * One tick as the instance `holder` does it (exported for the test of two instances in one
 * process): nothing unless it holds the scheduler's lease. Answers what it did per batch.
 */
export async function tickAs(holder: string, now = Date.now()): Promise<Record<string, "held" | "released">> {
  // A tick still running when the next is due (Syllable slow) is not run twice at once: the
  // lease keeps other instances out, this keeps this one's own ticks apart.
  const running = processSingleton("scheduler-ticks", () => new Set<string>());
  if (running.has(holder)) return {};
  running.add(holder);
  try {
    return await tick(holder, now);
  } finally {
    running.delete(holder);
  }
}

async function tick(holder: string, now: number): Promise<Record<string, "held" | "released">> {
  const store = getStore();
  if (!(await store.leases.acquire(LEASE_KEY, holder, LEASE_MS))) return {};
  const done: Record<string, "held" | "released"> = {};
  try {
    const policy = await callingHoursPolicy();
    if (policy.enabled) await followActiveVoiceBatches(new Set((await store.schedules.list()).map((r) => r.batchId)));
    for (const row of await store.schedules.list()) {
      // Neither a schedule of its own nor calling hours: nothing to follow.
      if (!row.explicit && !policy.enabled) continue;
      try {
        const did = await applyOne(row, policy, now);
        if (did) done[row.batchId] = did;
      } catch (err) {
        // One batch failing (gone upstream, Syllable down) must not stop the others.
        console.error(`The scheduler could not bring ${row.batchId} up to date:`, err instanceof Error ? err.message : err);
      }
    }
  } finally {
    await store.leases.release(LEASE_KEY, holder).catch(() => undefined);
  }
  return done;
}

/** The background job (lib/server/background-jobs.ts). */
export async function schedulerTick(): Promise<void> {
  await tickAs(INSTANCE_ID);
}

/** PUT /api/batches/{id}/schedule: the schedule as given (absent fields cleared), applied at once. */
export async function putSchedule(user: SessionUser, batchId: string, input: SchedulePut): Promise<ScheduleView> {
  const batch = await getSyllable().getBatch(batchId);
  if (FINISHED.has(String(batch.status ?? "").toUpperCase()))
    throw new ApiError("conflict", `The batch ${batchId} has finished (${batch.status}): a schedule would do nothing.`);
  const body = {
    start_at: input.start_at ?? null,
    pause_at: input.pause_at ?? null,
    windows: input.windows ?? null,
    local_hours: input.local_hours ?? null,
    reason: input.local_hours === false ? (input.reason ?? null) : null,
  };
  const store = getStore().schedules;
  const before = await store.get(batchId);
  await store.put(batchId, body, true, user.email, new Date().toISOString());
  await auditBy(user, "batch.schedule.set", `batch:${batchId}`, { before: before?.explicit ? before.body : null, after: body });
  // A batch on hold when its schedule is set: the schedule takes the hold over, and releases it
  // when it says so (a batch is created on hold, then scheduled).
  if (batch.paused === true && !before?.heldBySchedule)
    await store.noteState(batchId, { state: "held", reason: "on hold until its schedule releases it", at: Date.now(), heldBySchedule: true });
  const row = (await store.get(batchId))!;
  await applyOne(row, await callingHoursPolicy(), Date.now());
  return viewSchedule(batchId);
}

/** A person paused or resumed the batch (PATCH): their decision, not the schedule's, from now on. */
export async function notePersonsHold(batchId: string): Promise<void> {
  await getStore().schedules.releaseHold(batchId);
}

/** GET /api/batches/{id}/schedule. */
export async function viewSchedule(batchId: string, now = Date.now()): Promise<ScheduleView> {
  // The live engine's copy (read at its cadence, shared by every viewer): a page asking every 15 s costs Syllable nothing more.
  const [batch, row, policy] = await Promise.all([loadBatchDetail(batchId), getStore().schedules.get(batchId), callingHoursPolicy()]);
  const schedule = scheduleOf(row);
  let groups = (row?.groups ?? []) as RecipientGroup[];
  let countedAt = row?.groupsAt ?? 0;
  if (localHoursOn(schedule, policy) && (!countedAt || now - countedAt > GROUPS_TTL_MS)) {
    groups = await pendingRecipientGroups(batchId);
    countedAt = now;
    // Kept (a row that only follows calling hours, if there was none), so the page's next look reads no results.
    if (!row) await getStore().schedules.put(batchId, {}, false, SCHEDULER_ACTOR.email, new Date(now).toISOString());
    await getStore().schedules.setGroups(batchId, groups, now);
  }
  const verdict: Verdict = verdictAt(schedule, groups, policy, now);
  const next = transitions(schedule, groups, policy, now);
  const edges = [new Date(now).toISOString(), ...next.map((t) => t.at), new Date(now + 7 * 86_400_000).toISOString()];
  const states = [verdict.state, ...next.map((t) => t.state)];
  return {
    batch_id: batchId,
    schedule: {
      start_at: schedule.start_at ?? null,
      pause_at: schedule.pause_at ?? null,
      windows: schedule.windows ?? null,
      local_hours: schedule.local_hours ?? null,
      reason: schedule.reason ?? null,
    },
    explicit: row?.explicit ?? false,
    state: verdict.state,
    reason: verdict.reason,
    paused_by_person: batch.paused === true && !(row?.heldBySchedule ?? false),
    next: next.slice(0, 10),
    timeline: states.map((state, i) => ({ from: edges[i]!, to: edges[i + 1]!, state })),
    zones: groups,
    zones_counted_at: countedAt ? new Date(countedAt).toISOString() : null,
    calling_hours_on: localHoursOn(schedule, policy),
  };
}

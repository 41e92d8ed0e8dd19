import "server-only";
import type { ConsoleChange } from "@/lib/schemas/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { readBack } from "@/lib/server/audit-reconcile";
import { ApiError, isApiError } from "@/lib/server/errors";
import { getConfig } from "@/lib/server/env";
import { INSTANCE_ID } from "@/lib/server/instance";
import { getStore, type AuditActorRole, type AuditEntry } from "@/lib/server/store";
import { writeMayHaveApplied } from "@/lib/server/syllable/http";

/** Adds one audit entry now; a store failure is logged, never thrown (the action itself already happened). */
export async function recordAudit(entry: Omit<AuditEntry, "id" | "at">): Promise<void> {
  try {
    await getStore().audit.add({ at: new Date().toISOString(), ...entry });
  } catch (err) {
    console.error("Could not write the audit log:", err);
  }
}

/** A change made by `user` to the console's own store (no upstream write to settle), recorded now. */
export function auditBy(
  user: Pick<SessionUser, "email"> & { role: AuditActorRole },
  action: string,
  target: string,
  detail: Record<string, unknown>,
  outcome: "ok" | "failed" = "ok",
): Promise<void> {
  return recordAudit({ actorEmail: user.email, actorRole: user.role, action, target, outcome, detail });
}

/**
 * Runs a write with its audit entry around it, naming the real person behind it (Syllable only
 * knows the API key's user). The intent is stored BEFORE the write ("pending"): if it cannot be
 * stored, nothing is written. After the write it is completed "ok" or "failed"; when the write's
 * fate is unclear (timeout, Syllable failing mid-write) the target is read back and the entry
 * says what was found, and so does the error the person gets. A console killed mid-write leaves
 * the entry pending; the next start settles it (see audit-reconcile).
 */
export async function audited<T>(
  user: Pick<SessionUser, "email"> & { role: AuditActorRole },
  action: string,
  target: string,
  detail: Record<string, unknown>,
  write: () => Promise<T>,
  /** What the write did, added to the entry when it succeeds (e.g. before/after values). */
  outcomeDetail?: (result: T) => Record<string, unknown>,
): Promise<T> {
  const store = getStore();
  let intent: AuditEntry;
  try {
    // With several instances the intent names its writer: only a dead writer's intents are settled by the others.
    const owned = getConfig().databaseUrl ? { ...detail, instance: INSTANCE_ID } : detail;
    intent = await store.audit.add({
      at: new Date().toISOString(),
      actorEmail: user.email,
      actorRole: user.role,
      action,
      target,
      outcome: "pending",
      detail: owned,
    });
  } catch (err) {
    console.error("Could not write the audit log:", err);
    throw new ApiError("internal", "The change could not be recorded in the audit log, so it was not made. Please try again.");
  }
  const settle = async (outcome: "ok" | "failed" | "unknown", extra: Record<string, unknown>) => {
    try {
      await store.audit.complete(intent.id, outcome, extra);
    } catch (err) {
      // The intent stays pending and is settled at the next start.
      console.error("Could not complete an audit entry:", err);
    }
  };
  let result: T;
  try {
    result = await write();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!isApiError(err) || !writeMayHaveApplied(err)) {
      await settle("failed", { error: message });
      throw err;
    }
    const verdict = await readBack({ action, target, detail });
    await settle(verdict.outcome, { error: message, found: verdict.found });
    // "Try again" is wrong advice until the person knows whether the first try took effect.
    const what = message.replace(/\s*Try again[^.]*\.$/, "");
    throw new ApiError(err.code, `${what} ${VERDICT_SENTENCE[verdict.outcome]}`, err.fields, err.headers);
  }
  await settle("ok", outcomeDetail?.(result) ?? {});
  return result;
}

const VERDICT_SENTENCE = {
  ok: "Reading it back shows the change was applied anyway.",
  failed: "Reading it back shows the change was not applied.",
  unknown: "The console could not tell whether the change was applied: check it before trying again.",
} as const;

/** Who last changed `target` ("batch:abc", "campaign:3") through the console, from the audit log. */
export async function latestConsoleChange(target: string): Promise<ConsoleChange | null> {
  const latest = await getStore().audit.latestFor(target);
  return latest ? { actor_email: latest.actorEmail, action: latest.action, at: latest.at } : null;
}

/** The batch `batchId` was made from as a follow-up through the console, from its creation's audit entry (null: none). */
export async function followUpSourceOf(batchId: string): Promise<string | null> {
  const [created] = await getStore().audit.list({ action: "batch.create", target: `batch:${batchId}`, limit: 1 });
  const source = created?.outcome === "ok" ? created.detail.follow_up_of : undefined;
  return typeof source === "string" ? source : null;
}

import "server-only";
import type { ConsoleChange } from "@/lib/schemas/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getStore, type AuditEntry } from "@/lib/server/store";

/** Adds one audit entry now; a store failure is logged, never thrown (the action itself already happened). */
export async function recordAudit(entry: Omit<AuditEntry, "id" | "at">): Promise<void> {
  try {
    await getStore().audit.add({ at: new Date().toISOString(), ...entry });
  } catch (err) {
    console.error("Could not write the audit log:", err);
  }
}

/**
 * Runs a write and records it in the audit log with the real person behind it (Syllable only
 * knows the API key's user), whether it succeeded or failed. Returns the write's result.
 */
export async function audited<T>(
  user: SessionUser,
  action: string,
  target: string,
  detail: Record<string, unknown>,
  write: () => Promise<T>,
): Promise<T> {
  const record = (outcome: "ok" | "failed", extra: Record<string, unknown> = {}) =>
    recordAudit({ actorEmail: user.email, actorRole: user.role, action, target, outcome, detail: { ...detail, ...extra } });
  try {
    const result = await write();
    await record("ok");
    return result;
  } catch (err) {
    await record("failed", { error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}

/** Who last changed `target` ("batch:abc", "campaign:3") through the console, from the audit log. */
export async function latestConsoleChange(target: string): Promise<ConsoleChange | null> {
  const latest = await getStore().audit.latestFor(target);
  return latest ? { actor_email: latest.actorEmail, action: latest.action, at: latest.at } : null;
}

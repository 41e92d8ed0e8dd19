import "server-only";
import type { AuditQuery } from "@/lib/schemas/audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getStore, type AuditEntry } from "@/lib/server/store";
import type { AuditFilter } from "@/lib/server/store/types";
import { hasRole } from "@/lib/schemas/roles";
import { authorize } from "./authorize";

/** A bare date covers that whole UTC day: `from` its start, `to` the next day's start. */
function edge(v: string | undefined, which: "from" | "to"): string | undefined {
  if (!v) return undefined;
  if (v.length > 10) return new Date(v).toISOString();
  const day = Date.parse(`${v}T00:00:00.000Z`);
  return new Date(which === "from" ? day : day + 86_400_000).toISOString();
}

/** The store's filter for a query's filters. */
export function auditFilterOf(q: Pick<AuditQuery, "actor" | "action" | "target" | "from" | "to">): AuditFilter {
  return {
    actorContains: q.actor || undefined,
    action: q.action || undefined,
    target: q.target || undefined,
    from: edge(q.from, "from"),
    to: edge(q.to, "to"),
  };
}

/**
 * What each role may read of the audit log: admins all of it; managers the entries about the
 * batches and campaigns they run (not users, sign-ins, tokens or alerts of others' making).
 */
const MANAGER_TARGETS = ["batch:", "campaign:"] as const;
function readableBy(user: SessionUser): AuditFilter {
  return hasRole(user.role, "admin") ? {} : { targetPrefixes: MANAGER_TARGETS };
}

/** Audit entries, newest first (admin only: they name staff and what they did). */
export async function auditEntriesFor(user: SessionUser | null | undefined, opts: { limit?: number; beforeId?: number; offset?: number } & AuditFilter) {
  authorize(user, "admin");
  return getStore().audit.list(opts);
}

/** One page of the filtered audit log, with the totals (admins all; managers their batches and campaigns). */
export async function auditPageFor(user: SessionUser | null | undefined, q: AuditQuery) {
  const reader = authorize(user, "manager");
  const filter = { ...auditFilterOf(q), ...readableBy(reader) };
  const store = getStore();
  const [items, total] = await Promise.all([
    store.audit.list({ ...filter, beforeId: q.before, limit: q.limit, offset: q.before ? 0 : (q.page - 1) * q.limit }),
    store.audit.count({ ...filter, beforeId: q.before }),
  ]);
  return {
    items,
    next_before: items.length === q.limit ? (items.at(-1)?.id ?? null) : null,
    page: q.before ? 1 : q.page,
    page_size: q.limit,
    total_count: total,
    total_pages: Math.max(1, Math.ceil(total / q.limit)),
  };
}

/** Every entry matching the filters, newest first, up to `max` (for the CSV export; as auditPageFor). */
export async function auditEntriesForExport(user: SessionUser | null | undefined, filter: AuditFilter, max: number): Promise<AuditEntry[]> {
  const reader = authorize(user, "manager");
  return getStore().audit.list({ ...filter, ...readableBy(reader), limit: max });
}

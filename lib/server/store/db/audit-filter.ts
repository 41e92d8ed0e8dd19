// The WHERE clause of audit queries, as a Kysely expression (placeholders are the dialect's).
// Prefix matches use substr() rather than LIKE: batch ids may contain "_" and "%", which LIKE
// would read as wildcards.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { AuditFilter } from "../types";

export function auditWhere(filter: AuditFilter): RawBuilder<SqlBool> {
  const clauses: Array<RawBuilder<unknown>> = [];
  const startsWith = (column: string, prefix: string) => sql`substr(${sql.ref(column)}, 1, ${prefix.length}) = ${prefix}`;
  // "batch." matches every batch action; "batch:" every batch.
  const exactOrPrefix = (column: string, value: string, prefixEnd: string) =>
    clauses.push(value.endsWith(prefixEnd) ? startsWith(column, value) : sql`${sql.ref(column)} = ${value}`);
  if (filter.actor) clauses.push(sql`actor_email = ${filter.actor}`);
  // LIKE with its wildcards escaped (both databases take ESCAPE); lower() on both sides: Postgres's LIKE minds case.
  if (filter.actorContains) {
    const pattern = `%${filter.actorContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(sql`lower(actor_email) LIKE ${pattern} ESCAPE '\\'`);
  }
  if (filter.targetPrefixes) {
    const any = filter.targetPrefixes.map((prefix) => startsWith("target", prefix));
    clauses.push(any.length ? sql`(${sql.join(any, sql` OR `)})` : sql`1 = 0`);
  }
  if (filter.action) exactOrPrefix("action", filter.action, ".");
  if (filter.target) exactOrPrefix("target", filter.target, ":");
  if (filter.outcome) clauses.push(sql`outcome = ${filter.outcome}`);
  if (filter.from) clauses.push(sql`at >= ${filter.from}`);
  if (filter.to) clauses.push(sql`at < ${filter.to}`);
  if (filter.beforeId !== undefined) clauses.push(sql`id < ${filter.beforeId}`);
  return clauses.length ? sql<SqlBool>`${sql.join(clauses, sql` AND `)}` : sql<SqlBool>`1 = 1`;
}

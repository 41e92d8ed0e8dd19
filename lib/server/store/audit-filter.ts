// One WHERE clause for audit queries, shared by the SQLite and Postgres stores (each passes how
// it writes a placeholder). Prefix matches use substr() rather than LIKE: batch ids may contain
// "_" and "%", which LIKE would read as wildcards.
import type { AuditFilter } from "./types";

export function auditWhere(filter: AuditFilter, placeholder: (n: number) => string): { where: string; params: Array<string | number> } {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  const p = (v: string | number) => {
    params.push(v);
    return placeholder(params.length);
  };
  const exactOrPrefix = (column: string, value: string, prefixEnd: string) => {
    if (value.endsWith(prefixEnd)) clauses.push(`substr(${column}, 1, ${p(value.length)}) = ${p(value)}`);
    else clauses.push(`${column} = ${p(value)}`);
  };
  if (filter.actor) clauses.push(`actor_email = ${p(filter.actor)}`);
  // LIKE with its wildcards escaped (both databases take ESCAPE); lower() on both sides: Postgres's LIKE minds case.
  if (filter.actorContains) clauses.push(`lower(actor_email) LIKE ${p(`%${filter.actorContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
  if (filter.targetPrefixes) {
    const any = filter.targetPrefixes.map((prefix) => `substr(target, 1, ${p(prefix.length)}) = ${p(prefix)}`);
    clauses.push(any.length ? `(${any.join(" OR ")})` : "1 = 0");
  }
  // "batch." matches every batch action; "batch:" every batch.
  if (filter.action) exactOrPrefix("action", filter.action, ".");
  if (filter.target) exactOrPrefix("target", filter.target, ":");
  if (filter.outcome) clauses.push(`outcome = ${p(filter.outcome)}`);
  if (filter.from) clauses.push(`at >= ${p(filter.from)}`);
  if (filter.to) clauses.push(`at < ${p(filter.to)}`);
  if (filter.beforeId !== undefined) clauses.push(`id < ${p(filter.beforeId)}`);
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

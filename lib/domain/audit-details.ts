// An audit entry's detail as a person reads it: "role: supervisor → manager", "reason: wrong
// script", not raw JSON. Pure; shared by the audit page and its CSV export.

/** Keys for the console's own bookkeeping, not for people. */
const HIDDEN = new Set(["instance"]);

function text(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map(text).join(", ");
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    // A change: before and after.
    if ("from" in o && "to" in o && Object.keys(o).length === 2) return `${text(o.from)} → ${text(o.to)}`;
    if ("before" in o && "after" in o && Object.keys(o).length === 2) return `${text(o.before)} → ${text(o.after)}`;
    return Object.entries(o)
      .map(([k, x]) => `${k} ${text(x)}`)
      .join(", ");
  }
  return String(v);
}

const isChange = (v: unknown): v is { before: unknown; after: unknown } => !!v && typeof v === "object" && "before" in v && "after" in v;

/**
 * The detail's fields as [name, readable value], in their stored order. A campaign edit's
 * `changes` ({field: {before, after}}) becomes one row per field: "hourly rate: 5 → 7".
 */
export function auditDetailRows(detail: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(detail)
    .filter(([k]) => !HIDDEN.has(k))
    .flatMap(([k, v]): Array<[string, string]> => {
      if (k === "changes" && v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every(isChange)) {
        return Object.entries(v as Record<string, { before: unknown; after: unknown }>).map(([f, c]) => [
          f.replace(/_/g, " "),
          `${text(c.before)} → ${text(c.after)}`,
        ]);
      }
      return [[k.replace(/_/g, " "), text(v)]];
    });
}

/** The same on one line: "reason: wrong script; paused: true". */
export function auditDetailLine(detail: Record<string, unknown>): string {
  return auditDetailRows(detail)
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");
}

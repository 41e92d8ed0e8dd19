import { auditCsv } from "@/lib/domain/audit-csv";
import { withRole } from "@/lib/server/auth/with-role";
import { auditEntriesForExport, auditFilterOf } from "@/lib/server/dal/audit";

/** The newest entries an export holds; a longer log is narrowed with the filters. */
const MAX_ROWS = 50_000;

/** The filtered audit log as CSV (the same filters as GET /api/audit), newest first. */
export const GET = withRole("GET /api/audit.csv", async ({ query, user }) => {
  const filter = auditFilterOf(query);
  const rows = await auditEntriesForExport(user, filter, MAX_ROWS);
  return new Response(auditCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(rows.length),
    },
  });
});

import { withRole } from "@/lib/server/auth/with-role";
import { outcomeReport } from "@/lib/server/reports/outcomes";
import { reportCsv } from "@/lib/domain/report-csv";

/** The same report as a CSV: one line per group, then the totals. */
export const GET = withRole("GET /api/reports/outcomes.csv", async ({ query }) => {
  const report = await outcomeReport(query);
  return new Response(reportCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="outcomes-by-${report.group_by}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

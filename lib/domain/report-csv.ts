// An outcome report as CSV: a line per group and the totals last (rates as fractions, as the API).
import { csvDocument } from "./csv";
import { METRICS } from "./report-metrics";
import type { OutcomeReport } from "@/lib/schemas/reports";

export function reportCsv(report: OutcomeReport): string {
  const columns = [report.group_by, "label", ...METRICS, "contact_rate", "attempts_per_request"];
  const line = (key: string, label: string | null, f: OutcomeReport["totals"]) => [
    key,
    label ?? "",
    ...METRICS.map((m) => f[m]),
    f.contact_rate ?? "",
    f.attempts_per_request ?? "",
  ];
  return csvDocument(columns, [...report.rows.map((r) => line(r.key, r.label, r)), line("total", null, report.totals)]);
}

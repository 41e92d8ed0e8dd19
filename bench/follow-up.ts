// Benchmark: building a follow-up batch from a 100,000-request source, the console's part of it
// (the filter and exclusions, then the upload CSV), on rows shaped like Syllable's results with
// variables. Syllable's own upload time is not in it (the integration test times the whole
// path against the sandbox). Writes bench/results/follow-up.json. Run: npm run bench:follow-up.
import { followUpCsv, planFollowUp } from "../lib/domain/follow-up";
import type { RequestResult } from "../lib/schemas/syllable";
import { writeResult } from "./support/seeded-console";

const N = 100_000;
const STATUSES = ["FAILED", "FAILED", "COMPLETED", "CONNECTED", "PENDING", "DUPLICATE", "INVALID"];
const OUTCOMES = ["NO-ANSWER", "BUSY", "HUMAN", "MACHINE", "SIP_NOT_FOUND"];
const rows: RequestResult[] = Array.from({ length: N }, (_, i) => ({
  reference_id: `ref-${i}`,
  // Some targets repeat, so completed-elsewhere and repeated-target exclusions are exercised.
  target: `+1512${String(5_000_000 + (i % 90_000)).padStart(7, "0")}`,
  request_status: STATUSES[i % STATUSES.length]!,
  channel_manager_status: OUTCOMES[i % OUTCOMES.length]!,
  request_variables: { first_name: `Name ${i}`, account: String(100_000 + i), note: i % 10 === 0 ? 'has, a "quote"' : "plain" },
}));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const planMs: number[] = [];
const csvMs: number[] = [];
let added = 0;
let bytes = 0;
for (let run = 0; run < 7; run++) {
  let t = performance.now();
  const plan = planFollowUp(rows, { status: "FAILED", channel_status: ["NO-ANSWER", "BUSY"] });
  planMs.push(performance.now() - t);
  t = performance.now();
  const csv = followUpCsv(plan.rows);
  csvMs.push(performance.now() - t);
  added = plan.rows.length;
  bytes = Buffer.byteLength(csv);
}
const result = {
  when: new Date().toISOString(),
  source_rows: N,
  filter: "FAILED + NO-ANSWER/BUSY",
  added,
  csv_bytes: bytes,
  plan_ms_median: Math.round(median(planMs)),
  csv_ms_median: Math.round(median(csvMs)),
  runs: 7,
};
const file = writeResult("follow-up.json", result);
console.log(
  `Follow-up from ${N.toLocaleString("en-US")} rows: ${added.toLocaleString("en-US")} contacts; plan ${result.plan_ms_median} ms, CSV ${result.csv_ms_median} ms (${(bytes / 1e6).toFixed(1)} MB), median of 7 → ${file}`,
);
